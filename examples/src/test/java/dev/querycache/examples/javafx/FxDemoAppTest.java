package dev.querycache.examples.javafx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryFilter;
import dev.querycache.examples.AwaitRows;
import dev.querycache.examples.ChatMessage;
import dev.querycache.examples.DemoApi;
import dev.querycache.examples.DemoServer;
import dev.querycache.test.FxThread;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo's JavaFX window against a real server, on the headless glass platform: its five
 * screens, the notifications in the first one's table, and the chat reaching a second window.
 */
class FxDemoAppTest {
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void theWindowShowsFiveScreensAndLoadsTheNotificationsIntoTheTable() throws Exception {
    try (DemoServer server = DemoServer.builder().latency(Duration.ZERO).build().start()) {
      FxDemoApp app = FxDemoApp.show(new DemoApi(server.baseUri()), 0, 0);
      try {
        // Polls the cache until the first screen's query has landed (the server is real).
        while (app.client().getQueriesData(QueryFilter.prefix(List.of("notification"))).isEmpty()) {
          Thread.onSpinWait();
        }
        FxThread.flush();

        assertThat(FxThread.call(() -> app.tabs().getTabs().size())).isEqualTo(5);
        int rows = FxThread.call(() -> ((TableView<?>) app.tabs().getTabs().get(0).getContent().lookup(".table-view"))
            .getItems().size());
        assertThat(rows).isEqualTo(12);
      } finally {
        FxThread.run(() -> app.stage().hide());
        app.awaitClose();
      }
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aChatMessageShowsAtOnceAndReachesTheSecondWindowsOwnClient() throws Exception {
    // The server takes 400 ms, so that its answer cannot come back before the test looks.
    try (DemoServer server = DemoServer.builder().latency(Duration.ofMillis(400)).build().start()) {
      FxDemoApp app = FxDemoApp.show(new DemoApi(server.baseUri()), 0, 0);
      try {
        FxChatTab chat = FxThread.call(() -> {
          app.tabs().getSelectionModel().select(4);
          return (FxChatTab) app.tabs().getTabs().get(4).getContent();
        });
        FxThread.flush(); // laid out: its tool bar's buttons are in the scene
        String shownAtOnce = FxThread.call(() -> {
          ((Button) chat.lookupAll(".button").stream().filter(b -> ((Button) b).getText().equals("Open a second window"))
              .findFirst().orElseThrow()).fire();
          chat.textField().setText("Hello, Bob");
          chat.textField().fireEvent(new ActionEvent());
          ChatMessage ghost = chat.chat().rows().get(0); // the table shows it at its next turn of the FX thread
          return ghost.text() + (ghost.isSent() ? " (sent)" : " (sending)");
        });
        FxChatWindow other = FxThread.call(app::secondWindow);
        List<ChatMessage> rows = AwaitRows.until(other.chat().chat(), shown -> !shown.isEmpty(), Duration.ofSeconds(10));
        assertThat(rows).extracting(ChatMessage::text).containsExactly("Hello, Bob");
        assertThat(shownAtOnce).isEqualTo("Hello, Bob (sending)");
        FxThread.run(() -> other.stage().close());
      } finally {
        FxThread.run(() -> app.stage().hide());
        app.awaitClose();
      }
    }
  }
}
