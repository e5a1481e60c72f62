package dev.querycache.examples.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.querycache.QueryFilter;
import dev.querycache.examples.DemoApi;
import dev.querycache.examples.DemoServer;
import java.awt.GraphicsEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo window against a real server, on a real display: skipped without one (run under
 * Xvfb to include it).
 */
class DemoAppTest {
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void theWindowShowsFourScreensAndLoadsTheNotifications() throws Exception {
    assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display");
    try (DemoServer server = DemoServer.builder().latency(Duration.ZERO).build().start()) {
      DemoApp app = DemoApp.show(new DemoApi(server.baseUri()), 0, 0);
      try {
        // Polls the cache until the first screen's query has landed (the server is real).
        while (app.client().getQueriesData(QueryFilter.prefix(List.of("notification"))).isEmpty()) {
          Thread.onSpinWait();
        }
        int[] tabs = new int[1];
        SwingUtilities.invokeAndWait(() -> tabs[0] = app.tabs().getTabCount());
        assertThat(tabs[0]).isEqualTo(4);
      } finally {
        SwingUtilities.invokeAndWait(() -> app.frame().dispose());
        app.awaitClose();
      }
    }
  }
}
