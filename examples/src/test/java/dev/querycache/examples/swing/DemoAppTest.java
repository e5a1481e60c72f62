package dev.querycache.examples.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.querycache.QueryFilter;
import dev.querycache.examples.AwaitRows;
import dev.querycache.examples.ChatMessage;
import dev.querycache.examples.DemoApi;
import dev.querycache.examples.DemoServer;
import java.awt.Component;
import java.awt.Container;
import java.awt.GraphicsEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.swing.AbstractButton;
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
  void theWindowShowsFiveScreensAndLoadsTheNotifications() throws Exception {
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
        assertThat(tabs[0]).isEqualTo(5);
      } finally {
        SwingUtilities.invokeAndWait(() -> app.frame().dispose());
        app.awaitClose();
      }
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aChatMessageShowsAtOnceAndReachesTheSecondWindowsOwnClient() throws Exception {
    assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display");
    // The server takes 400 ms, so that its answer cannot come back before the test looks.
    try (DemoServer server = DemoServer.builder().latency(Duration.ofMillis(400)).build().start()) {
      DemoApp app = DemoApp.show(new DemoApi(server.baseUri()), 0, 0);
      try {
        ChatTab[] chat = new ChatTab[1];
        String[] shownAtOnce = new String[1];
        SwingUtilities.invokeAndWait(() -> {
          app.tabs().setSelectedIndex(4);
          chat[0] = (ChatTab) app.tabs().getComponentAt(4);
          find(chat[0], "Open a second window").doClick();
          chat[0].textField().setText("Hello, Bob");
          find(chat[0], "Send").doClick();
          ChatMessage ghost = chat[0].chat().rows().get(0); // the table shows it at its next turn of the EDT
          shownAtOnce[0] = ghost.text() + (ghost.isSent() ? " (sent)" : " (sending)");
        });
        ChatWindow other = app.secondWindow();
        List<ChatMessage> rows = AwaitRows.until(other.chat().chat(), shown -> !shown.isEmpty(), Duration.ofSeconds(10));
        assertThat(rows).extracting(ChatMessage::text).containsExactly("Hello, Bob");
        assertThat(shownAtOnce[0]).isEqualTo("Hello, Bob (sending)");
        SwingUtilities.invokeAndWait(() -> other.frame().dispose());
      } finally {
        SwingUtilities.invokeAndWait(() -> app.frame().dispose());
        app.awaitClose();
      }
    }
  }

  private static AbstractButton find(Component root, String text) {
    if (root instanceof AbstractButton button && text.equals(button.getText())) {
      return button;
    }
    if (root instanceof Container container) {
      for (Component child : container.getComponents()) {
        AbstractButton found = find(child, text);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
