package dev.querycache.javafx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.test.FxThread;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link FocusRefetch}: the client is focused while a window of the
 * application has the focus, unfocused once none has it, whichever window it moves between.
 * Real stages under the headless platform, whose window manager focuses a stage when it shows.
 */
class FocusRefetchTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().build();
  private final List<Stage> stages = new ArrayList<>();
  private FocusRefetch refetch;

  @BeforeAll
  static void startFx() {
    FxThread.start();
  }

  @AfterEach
  void close() {
    FxThread.run(() -> {
      if (refetch != null) {
        refetch.close();
      }
      stages.forEach(Stage::hide);
    });
    client.close();
  }

  private Stage stage() {
    Stage stage = new Stage();
    stage.setScene(new Scene(new StackPane(), 100, 100));
    stages.add(stage);
    return stage;
  }

  @Test
  void aWindowThatShowsWithTheFocusFocusesTheClient() {
    client.focusChanged(false);
    FxThread.run(() -> refetch = FxQueries.installFocusRefetch(client));

    FxThread.run(() -> stage().show());
    FxThread.flush();

    assertThat(FxThread.call(() -> stages.get(0).isFocused())).as("the platform focused the stage").isTrue();
    assertThat(client.isFocused()).isTrue();
  }

  @Test
  void theClientIsUnfocusedOnceNoWindowHasTheFocus() {
    FxThread.run(() -> {
      refetch = FxQueries.installFocusRefetch(client);
      stage().show();
    });

    FxThread.run(() -> stages.get(0).hide());
    FxThread.flush();
    FxThread.flush();

    assertThat(client.isFocused()).isFalse();
  }

  @Test
  void focusMovingToAnotherWindowOfTheApplicationRefetchesNothing() {
    FxThread.run(() -> {
      refetch = FxQueries.installFocusRefetch(client);
      stage().show();
    });
    ControllableQuery<String> server = new ControllableQuery<>();
    client.observe(QueryOptions.builder(QueryKey.<String>of("todos")).asyncFetcher(server).build(), result -> { });
    server.resolve("write specs"); // stale at once: a return to the application would refetch

    FxThread.run(() -> stage().show());
    FxThread.flush();
    FxThread.flush();

    assertThat(client.isFocused()).isTrue();
    assertThat(server.callCount()).as("no refetch: the application kept the focus").isEqualTo(1);
  }

  @Test
  void comingBackToTheApplicationRefetchesStaleObservedQueries() {
    FxThread.run(() -> {
      refetch = FxQueries.installFocusRefetch(client);
      stage().show();
    });
    ControllableQuery<String> server = new ControllableQuery<>();
    client.observe(QueryOptions.builder(QueryKey.<String>of("todos")).asyncFetcher(server).build(), result -> { });
    server.resolve("write specs");

    FxThread.run(() -> stages.get(0).hide());
    FxThread.flush();
    FxThread.run(() -> stages.get(0).show());
    FxThread.flush();

    assertThat(server.callCount()).isEqualTo(2);
  }

  @Test
  void closedItNoLongerTellsTheClient() {
    FxThread.run(() -> {
      refetch = FxQueries.installFocusRefetch(client);
      refetch.close();
      stage().show();
    });
    client.focusChanged(false);

    FxThread.run(() -> stages.get(0).hide());
    FxThread.run(() -> stages.get(0).show());
    FxThread.flush();

    assertThat(client.isFocused()).isFalse();
  }

  @Test
  void installingOffTheFxThreadIsRefused() {
    assertThatThrownBy(() -> FxQueries.installFocusRefetch(client))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("FxQueries.installFocusRefetch must be called on the JavaFX Application Thread");
  }
}
