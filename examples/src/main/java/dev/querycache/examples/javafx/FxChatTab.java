package dev.querycache.examples.javafx;

import dev.querycache.collection.CollectionException;
import dev.querycache.collection.Gesture;
import dev.querycache.collection.QueryCollection;
import dev.querycache.examples.ChatFeed;
import dev.querycache.examples.ChatMessage;
import dev.querycache.examples.DemoQueries;
import dev.querycache.javafx.QueryList;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;

/**
 * The chat of seed 000, in JavaFX: a message sent shows at once in the sender's table
 * ("sending"), under the id the client minted; the server streams it to every client
 * (Server-Sent Events, read by a {@link ChatFeed}), and in the sender's table the same row
 * becomes "sent", one row replaced, while in another window, with its own client, it appears.
 * With the failure slider up, a refused message leaves with a toast and reaches nobody.
 */
final class FxChatTab extends BorderPane {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final QueryCollection<String, ChatMessage> chat;
  private final ChatFeed feed;
  private final String author;
  private final QueryList<ChatMessage> rows = new QueryList<>(ChatMessage::id);
  private final TableView<ChatMessage> table = new TableView<>(rows);
  private final TextField text = new TextField();
  private final Label status = new Label();

  /**
   * A chat as {@code author}, over the server at {@code server}; {@code openAnotherWindow}, if
   * given, is offered as a button.
   */
  FxChatTab(DemoQueries queries, URI server, String author, @Nullable Runnable openAnotherWindow) {
    this.author = author;
    this.chat = queries.chat();
    this.feed = ChatFeed.open(HttpClient.newHttpClient(), server, chat);
    TableColumn<ChatMessage, String> message = FxNotificationsTab.column("Message", 300, ChatMessage::text);
    table.getColumns().add(FxNotificationsTab.column("From", 90, ChatMessage::author));
    table.getColumns().add(message);
    table.getColumns().add(FxNotificationsTab.column("Sent", 100,
        row -> row.sentAt() == null ? "sending..." : TIME.format(row.sentAt())));
    message.prefWidthProperty().bind(table.widthProperty().subtract(90 + 100 + 20)); // the rest of the width
    rows.bind(table, chat);
    rows.addListener((ListChangeListener<ChatMessage>) change -> {
      while (change.next()) {
        if (change.wasAdded() && !change.wasReplaced()) {
          table.scrollTo(rows.size() - 1); // the newest message
        }
      }
    });

    ToolBar top = new ToolBar(new Label("You are " + author));
    if (openAnotherWindow != null) {
      Button another = new Button("Open a second window");
      another.setOnAction(event -> openAnotherWindow.run());
      top.getItems().add(another);
    }
    Button delete = new Button("Delete selected");
    delete.setOnAction(event -> deleteSelected());
    top.getItems().add(delete);

    Button send = new Button("Send");
    send.setOnAction(event -> send());
    text.setOnAction(event -> send());
    text.setPromptText("A message");
    HBox composer = new HBox(8, text, send);
    HBox.setHgrow(text, Priority.ALWAYS);
    composer.setStyle("-fx-padding: 8 8 4 8");
    status.setStyle("-fx-padding: 0 8 6 8");

    setTop(top);
    setCenter(table);
    setBottom(new VBox(composer, status));
  }

  /** Sends what the field holds: shown at once under a new gesture's id, posted, streamed to the others. */
  private void send() {
    String message = text.getText().strip();
    if (message.isEmpty()) {
      return;
    }
    chat.insert(new ChatMessage(Gesture.begin().id(), author, message, null));
    text.clear();
    status.setText("");
  }

  private void deleteSelected() {
    ChatMessage picked = table.getSelectionModel().getSelectedItem();
    if (picked == null) {
      return;
    }
    try {
      chat.delete(picked.id());
      status.setText("");
    } catch (CollectionException e) {
      status.setText(e.getMessage()); // the message went meanwhile
    }
  }

  /** Stops reading the server's stream and observing the chat. */
  void close() {
    feed.close();
    chat.close();
  }

  /** The table, for screenshots and tests. */
  TableView<ChatMessage> table() {
    return table;
  }

  /** The message field, for screenshots and tests. */
  TextField textField() {
    return text;
  }

  /** The collection shown, for tests. */
  QueryCollection<String, ChatMessage> chat() {
    return chat;
  }
}
