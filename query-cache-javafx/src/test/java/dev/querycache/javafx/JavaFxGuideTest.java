package dev.querycache.javafx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.FxStages;
import dev.querycache.test.FxThread;
import dev.querycache.test.VirtualTime;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The code of {@code docs/javafx.md} that is not the demo's: a query shown through a property's
 * bindings, and a screen test without a display. Each runs here, on Monocle.
 */
class JavaFxGuideTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client =
      time.clientBuilder().notifyExecutor(new FxExecutor(), Platform::isFxApplicationThread).build();
  @RegisterExtension final FxStages stages = new FxStages();

  @AfterEach
  void close() {
    client.close();
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
    stages.show(new VBox(spinner, label));
    FxThread.run(() -> showUnreadCount(label, spinner, client, unreadCount));
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
    stages.show(pane);                              // it observes while its window shows
    FxThread.run(() -> pane.bind(client, todos, rows, list -> list));
    server.resolve(List.of("write specs"));
    FxThread.flush();
    assertThat(FxThread.call(pane::getView)).isEqualTo(QueryStatePane.View.CONTENT);
  }
}
