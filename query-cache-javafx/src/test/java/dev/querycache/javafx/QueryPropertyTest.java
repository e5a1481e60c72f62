package dev.querycache.javafx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.test.FxStages;
import dev.querycache.test.FxThread;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Specification of {@link QueryProperty}: the query's latest result as a property, its parts
 * as bindings, observation for as long as the node is in a showing window, closing, and the
 * FX-thread check. The client delivers on the FX thread; its clock is the kit's virtual time.
 */
class QueryPropertyTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client =
      time.clientBuilder().notifyExecutor(new FxExecutor(), Platform::isFxApplicationThread).build();
  private final QueryKey<String> key = QueryKey.of("todos", 1);
  private final ControllableQuery<String> server = new ControllableQuery<>();
  private final QueryOptions<String> todo =
      QueryOptions.builder(key).asyncFetcher(server).retry(0).staleTime(Duration.ofSeconds(30)).build();
  @RegisterExtension final FxStages stages = new FxStages();

  @AfterEach
  void close() {
    stages.hideAll();
    client.close();
  }

  private Stage show(javafx.scene.Parent root) {
    return stages.show(root, 200, 100);
  }

  // ---- the value and its parts ---------------------------------------------------------------

  @Test
  void itsValueIsTheCachedResultAtOnce() {
    client.setQueryData(key, "write specs");

    QueryResult<String> first = FxThread.call(() -> FxQueries.observe(client, todo).get());

    assertThat(first.data()).isEqualTo("write specs");
  }

  @Test
  void itFollowsTheQuery() {
    QueryProperty<String> property = FxThread.call(() -> FxQueries.observe(client, todo));
    List<String> seen = new ArrayList<>();
    FxThread.run(() -> property.addListener((value, was, is) -> seen.add(is.status() + " " + is.data())));

    server.resolve("write specs");
    FxThread.flush();

    FxThread.run(() -> assertThat(seen).containsExactly("SUCCESS write specs"));
  }

  @Test
  void loadingAndFetchingFollowTheFirstFetch() {
    QueryProperty<String> property = FxThread.call(() -> FxQueries.observe(client, todo));
    FxThread.run(() -> {
      assertThat(property.loading().get()).isTrue();
      assertThat(property.fetching().get()).isTrue();
      assertThat(property.success().get()).isFalse();
    });

    server.resolve("write specs");
    FxThread.flush();

    FxThread.run(() -> {
      assertThat(property.loading().get()).isFalse();
      assertThat(property.fetching().get()).isFalse();
      assertThat(property.success().get()).isTrue();
      assertThat(property.data().get()).isEqualTo("write specs");
    });
  }

  @Test
  void aLabelBindsToTheData() {
    client.setQueryData(key, "write specs");
    Label label = FxThread.call(() -> {
      Label made = new Label();
      made.textProperty().bind(FxQueries.observe(made, client, todo).data().asString("Todo: %s"));
      show(new StackPane(made));
      return made;
    });

    client.setQueryData(key, "write more specs");
    FxThread.flush();

    assertThat(FxThread.call(label::getText)).isEqualTo("Todo: write more specs");
  }

  @Test
  void aLabelBindsToAProjectionOfTheData() {
    client.setQueryData(key, "write specs");
    Label label = FxThread.call(() -> {
      Label made = new Label();
      made.textProperty().bind(FxQueries.observe(made, client, todo, String::length).data().asString("%d letters"));
      show(new StackPane(made));
      return made;
    });

    client.setQueryData(key, "write more specs");
    FxThread.flush();

    assertThat(FxThread.call(label::getText)).isEqualTo("16 letters");
  }

  @Test
  void errorFollowsAFailedFetch() {
    QueryProperty<String> property = FxThread.call(() -> FxQueries.observe(client, todo));

    server.fail(new IOException("down"));
    FxThread.flush();

    FxThread.run(() -> assertThat(property.error().get()).hasMessage("down"));
  }

  @Test
  void staleFollowsTheStaleTimeAndInvalidation() {
    client.setQueryData(key, "write specs");
    QueryProperty<String> property = FxThread.call(() -> FxQueries.observe(client, todo));
    FxThread.run(() -> assertThat(property.stale().get()).isFalse());

    client.invalidateQueries(QueryFilter.exact(key));
    FxThread.flush();

    FxThread.run(() -> assertThat(property.stale().get()).isTrue());
  }

  @Test
  void itsNameSaysTheKeyAndItsBeanIsTheNode() {
    FxThread.run(() -> {
      Label label = new Label();
      QueryProperty<String> property = FxQueries.observe(label, client, todo);
      assertThat(property.getName()).isEqualTo("query " + key);
      assertThat(property.getBean()).isSameAs(label);
    });
  }

  // ---- lifetime ------------------------------------------------------------------------------

  @Test
  void aNodeOutsideAShowingWindowDoesNotObserve() {
    FxThread.run(() -> assertThat(FxQueries.observe(new Label(), client, todo).isObserving()).isFalse());
    assertThat(server.callCount()).isZero();
  }

  @Test
  void aNodeInAShowingWindowObservesAndFetches() {
    FxThread.run(() -> {
      Label label = new Label();
      show(new StackPane(label));
      assertThat(FxQueries.observe(label, client, todo).isObserving()).isTrue();
    });
    assertThat(server.callCount()).isEqualTo(1);
  }

  @Test
  void itStartsWhenTheNodeJoinsAShowingWindowAndStopsWhenItLeaves() {
    StackPane root = FxThread.call(() -> {
      StackPane made = new StackPane();
      show(made);
      return made;
    });
    Label label = FxThread.call(Label::new);
    QueryProperty<String> property = FxThread.call(() -> FxQueries.observe(label, client, todo));

    FxThread.run(() -> root.getChildren().add(label));
    assertThat(FxThread.call(property::isObserving)).isTrue();

    FxThread.run(() -> root.getChildren().remove(label));
    assertThat(FxThread.call(property::isObserving)).isFalse();
  }

  @Test
  void itStopsWhenTheWindowHidesAndStartsAgainWhenItShows() {
    Label label = FxThread.call(Label::new);
    Stage stage = FxThread.call(() -> show(new StackPane(label)));
    QueryProperty<String> property = FxThread.call(() -> FxQueries.observe(label, client, todo));

    FxThread.run(stage::hide);
    assertThat(FxThread.call(property::isObserving)).isFalse();
    assertThat(client.getQueries(QueryFilter.exact(key)).get(0).observerCount()).isZero();

    FxThread.run(stage::show);
    assertThat(FxThread.call(property::isObserving)).isTrue();
  }

  @Test
  void whileStoppedItKeepsItsLastValue() {
    client.setQueryData(key, "write specs");
    Label label = FxThread.call(Label::new);
    Stage stage = FxThread.call(() -> show(new StackPane(label)));
    QueryProperty<String> property = FxThread.call(() -> FxQueries.observe(label, client, todo));

    FxThread.run(stage::hide);
    client.setQueryData(key, "write more specs");
    FxThread.flush();

    assertThat(FxThread.call(() -> property.get().data())).isEqualTo("write specs");
  }

  @Test
  void closingStopsForGoodEvenInAShowingWindow() {
    Label label = FxThread.call(Label::new);
    Stage stage = FxThread.call(() -> show(new StackPane(label)));
    QueryProperty<String> property = FxThread.call(() -> FxQueries.observe(label, client, todo));

    FxThread.run(property::close);
    FxThread.run(stage::hide);
    FxThread.run(stage::show);

    assertThat(FxThread.call(property::isObserving)).isFalse();
    assertThat(FxThread.call(property::isClosed)).isTrue();
  }

  @Test
  void aNodeTakenOffTheScreenIsGarbageOnceDropped() {
    StackPane root = FxThread.call(() -> {
      StackPane made = new StackPane();
      show(made);
      return made;
    });
    WeakReference<Label> dropped = FxThread.call(() -> {
      Label label = new Label();
      QueryProperty<String> property = FxQueries.observe(label, client, todo);
      label.textProperty().bind(property.data());
      root.getChildren().add(label);
      assertThat(property.isObserving()).isTrue();
      root.getChildren().remove(label);
      return new WeakReference<>(label);
    });

    for (int attempt = 0; attempt < 50 && dropped.get() != null; attempt++) {
      System.gc();
      FxThread.flush();
    }

    assertThat(dropped.get()).as("the label, once its window is gone").isNull();
  }

  // ---- threads -------------------------------------------------------------------------------

  @Test
  void observingOffTheFxThreadIsRefusedNamingTheMethod() {
    assertThatThrownBy(() -> FxQueries.observe(new Label(), client, todo))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("FxQueries.observe must be called on the JavaFX Application Thread");
  }
}
