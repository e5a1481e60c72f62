package dev.querycache.examples.javafx;

import dev.querycache.QueryClient;
import dev.querycache.examples.DemoApi;
import dev.querycache.examples.DemoQueries;
import dev.querycache.javafx.FxQueries;
import dev.querycache.javafx.FxToaster;
import java.net.URI;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A second chat window, as another user of the chat would have: its own query client, cache,
 * collection and event stream, sharing only the server with the demo window. Closing it closes
 * its stream and its client. Build it on the FX Application Thread.
 */
final class FxChatWindow {
  private final Stage stage;
  private final QueryClient client;
  private final FxChatTab chat;

  private FxChatWindow(Window owner, URI server, String author) {
    StackPane root = new StackPane();
    client = FxQueries.clientBuilder().toaster(new FxToaster(root)).build();
    chat = new FxChatTab(new DemoQueries(client, new DemoApi(server)), server, author, null);
    root.getChildren().add(chat);
    stage = new Stage();
    stage.setTitle("Chat: " + author + " (a second client)");
    stage.setScene(new Scene(root, 560, 420));
    stage.setX(owner.getX() + owner.getWidth() - 200);
    stage.setY(owner.getY() + 80);
    stage.setOnHidden(event -> {
      chat.close();
      client.close();
    });
  }

  /** Opens a chat window as {@code author} beside {@code owner}. */
  static FxChatWindow open(Window owner, URI server, String author) {
    FxChatWindow window = new FxChatWindow(owner, server, author);
    window.stage.show();
    return window;
  }

  /** The window, for screenshots and tests. */
  Stage stage() {
    return stage;
  }

  /** Its chat, for screenshots and tests. */
  FxChatTab chat() {
    return chat;
  }
}
