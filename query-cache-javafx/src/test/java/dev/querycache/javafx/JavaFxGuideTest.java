package dev.querycache.javafx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.FxThread;
import dev.querycache.test.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The code of {@code docs/javafx.md} that is not the demo's: a query shown through a property's
 * bindings, and a screen test without a display. Each runs here, on Monocle.
 */
class JavaFxGuideTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client =
      time.clientBuilder().notifyExecutor(new FxExecutor(), Platform::isFxApplicationThread).build();
  private final List<Stage> stages = new ArrayList<>();

  @BeforeAll
  static void startFx() {
    FxThread.start();
  }

  @AfterEach
  void close() {
    FxThread.run(() -> stages.forEach(Stage::hide));
    client.close();
  }

  /** Shows {@code node} in a window of its own, as a screen would: observers follow the window. */
  private void show(javafx.scene.Parent node) {
    Stage stage = new Stage();
    stage.setScene(new Scene(node, 200, 200));
    stage.show();
    stages.add(stage);
  }

  // ---- a query as a property ------------------------------------------------------------------

  static QueryProperty<Integer> showUnreadCount(
      Label label, ProgressIndicator spinner, QueryClient client, QueryOptions<Integer> unreadCountOptions) {
    QueryProperty<Integer> unread = FxQueries.observe(label, client, unreadCountOptions);
    label.textProperty().bind(unread.data().asString("Unread: %d"));
    spinner.visibleProperty().bind(unread.loading());
    return unread;
  }

  @Test
  void theLabelShowsTheCountAndTheSpinnerShowsOnlyWhileTheFirstLoadRuns() {
    ControllableQuery<Integer> server = new ControllableQuery<>();
    QueryOptions<Integer> unreadCount = QueryOptions.builder(QueryKey.<Integer>of("notifications", "unread"))
        .asyncFetcher(server).build();
    Label label = FxThread.call(Label::new);
    ProgressIndicator spinner = FxThread.call(ProgressIndicator::new);
    FxThread.run(() -> {
      show(new VBox(spinner, label));
      showUnreadCount(label, spinner, client, unreadCount);
    });
    FxThread.flush();
    assertThat(FxThread.call(spinner::isVisible)).as("loading").isTrue();

    server.resolve(3);
    FxThread.flush();

    assertThat(FxThread.call(label::getText)).isEqualTo("Unread: 3");
    assertThat(FxThread.call(spinner::isVisible)).as("loaded").isFalse();
  }

  // ---- tests without a display ----------------------------------------------------------------

  @Test
  void aStatePaneInAShowingWindowShowsTheContentOnceTheServerAnswers() {
    QueryKey<List<String>> key = QueryKey.of("todos");
    ControllableQuery<List<String>> server = new ControllableQuery<>();
    QueryOptions<List<String>> todos = QueryOptions.builder(key).asyncFetcher(server).build();
    QueryList<String> rows = FxThread.call(() -> new QueryList<>(row -> row));

    QueryStatePane<List<String>> pane = FxThread.call(() -> new QueryStatePane<>(new ListView<>(rows)));
    FxThread.run(() -> show(pane));                  // it observes while its window shows
    FxThread.run(() -> pane.bind(client, todos, rows, list -> list));
    server.resolve(List.of("write specs"));
    FxThread.flush();
    assertThat(FxThread.call(pane::getView)).isEqualTo(QueryStatePane.View.CONTENT);
  }
}
