package dev.querycache.examples.javafx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryFilter;
import dev.querycache.examples.DemoApi;
import dev.querycache.examples.DemoServer;
import dev.querycache.test.FxThread;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo's JavaFX window against a real server, on the headless glass platform: its four
 * screens, and the notifications in the first one's table.
 */
class FxDemoAppTest {
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void theWindowShowsFourScreensAndLoadsTheNotificationsIntoTheTable() throws Exception {
    try (DemoServer server = DemoServer.builder().latency(Duration.ZERO).build().start()) {
      FxDemoApp app = FxDemoApp.show(new DemoApi(server.baseUri()), 0, 0);
      try {
        // Polls the cache until the first screen's query has landed (the server is real).
        while (app.client().getQueriesData(QueryFilter.prefix(List.of("notification"))).isEmpty()) {
          Thread.onSpinWait();
        }
        FxThread.flush();

        assertThat(FxThread.call(() -> app.tabs().getTabs().size())).isEqualTo(4);
        int rows = FxThread.call(() -> ((TableView<?>) app.tabs().getTabs().get(0).getContent().lookup(".table-view"))
            .getItems().size());
        assertThat(rows).isEqualTo(12);
      } finally {
        FxThread.run(() -> app.stage().hide());
        app.awaitClose();
      }
    }
  }
}
