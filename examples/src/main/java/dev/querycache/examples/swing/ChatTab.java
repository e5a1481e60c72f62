package dev.querycache.examples.swing;

import dev.querycache.collection.CollectionException;
import dev.querycache.collection.Gesture;
import dev.querycache.collection.QueryCollection;
import dev.querycache.examples.ChatFeed;
import dev.querycache.examples.ChatMessage;
import dev.querycache.examples.DemoQueries;
import dev.querycache.swing.QueryTableModel;
import dev.querycache.swing.QueryTableModel.Column;
import java.awt.BorderLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.JToolBar;
import javax.swing.ListSelectionModel;
import javax.swing.event.TableModelEvent;
import org.jspecify.annotations.Nullable;

/**
 * The chat of seed 000: a message sent shows at once in the sender's table ("sending"), under
 * the id the client minted, and the server streams it to every client (Server-Sent Events,
 * read by a {@link ChatFeed}): in the sender's table the same row becomes "sent", one row
 * update; in another window, with its own client, it appears. With the failure slider up, a
 * refused message leaves the sender's table with a toast and never reaches the others.
 */
final class ChatTab extends JPanel {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final transient QueryCollection<String, ChatMessage> chat;
  private final transient ChatFeed feed;
  private final String author;
  private final QueryTableModel<ChatMessage> model;
  private final JTable table;
  private final JTextField text = new JTextField();
  private final JLabel status = new JLabel(" ");

  /**
   * A chat as {@code author}, over the server at {@code server}; {@code openAnotherWindow}, if
   * given, is offered as a button.
   */
  ChatTab(DemoQueries queries, URI server, String author, @Nullable Runnable openAnotherWindow) {
    super(new BorderLayout());
    this.author = author;
    this.chat = queries.chat();
    this.feed = ChatFeed.open(HttpClient.newHttpClient(), server, chat);
    this.model = new QueryTableModel<>(ChatMessage::id, List.of(
        Column.of("From", String.class, ChatMessage::author),
        Column.of("Message", String.class, ChatMessage::text),
        Column.of("Sent", String.class, message -> message.sentAt() == null ? "sending..." : TIME.format(message.sentAt()))));
    this.table = new JTable(model);
    table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    table.setRowHeight(26);
    table.getColumnModel().getColumn(0).setMaxWidth(90);
    table.getColumnModel().getColumn(2).setMaxWidth(110);
    model.keepSelection(table);
    model.bind(table, chat);
    model.addTableModelListener(event -> {
      if (event.getType() == TableModelEvent.INSERT) {
        table.scrollRectToVisible(table.getCellRect(model.getRowCount() - 1, 0, true)); // the newest message
      }
    });

    JToolBar top = new JToolBar();
    top.setFloatable(false);
    top.add(new JLabel("You are " + author + "   "));
    if (openAnotherWindow != null) {
      JButton another = new JButton("Open a second window");
      another.addActionListener(event -> openAnotherWindow.run());
      top.add(another);
    }
    JButton delete = new JButton("Delete selected");
    delete.addActionListener(event -> deleteSelected());
    top.add(delete);

    JButton send = new JButton("Send");
    send.addActionListener(event -> send());
    text.addActionListener(event -> send());
    JPanel composer = new JPanel(new BorderLayout(8, 0));
    composer.setBorder(BorderFactory.createEmptyBorder(8, 8, 4, 8));
    composer.add(text, BorderLayout.CENTER);
    composer.add(send, BorderLayout.EAST);
    JPanel bottom = new JPanel(new BorderLayout());
    bottom.add(composer, BorderLayout.NORTH);
    status.setBorder(BorderFactory.createEmptyBorder(0, 8, 6, 8));
    bottom.add(status, BorderLayout.SOUTH);

    add(top, BorderLayout.NORTH);
    add(new JScrollPane(table), BorderLayout.CENTER);
    add(bottom, BorderLayout.SOUTH);
  }

  /** Sends what the field holds: shown at once under a new gesture's id, posted, streamed to the others. */
  private void send() {
    String message = text.getText().strip();
    if (message.isEmpty()) {
      return;
    }
    Gesture gesture = Gesture.begin();
    chat.insert(new ChatMessage(gesture.id(), author, message, null));
    text.setText("");
    status.setText(" ");
  }

  private void deleteSelected() {
    int row = table.getSelectedRow();
    if (row < 0) {
      return;
    }
    try {
      chat.delete(model.getRow(table.convertRowIndexToModel(row)).id());
      status.setText(" ");
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
  JTable table() {
    return table;
  }

  /** The message field, for screenshots and tests. */
  JTextField textField() {
    return text;
  }

  /** The collection shown, for tests. */
  QueryCollection<String, ChatMessage> chat() {
    return chat;
  }
}
