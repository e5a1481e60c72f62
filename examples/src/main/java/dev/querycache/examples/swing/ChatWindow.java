package dev.querycache.examples.swing;

import dev.querycache.QueryClient;
import dev.querycache.examples.DemoApi;
import dev.querycache.examples.DemoQueries;
import dev.querycache.swing.SwingQueries;
import dev.querycache.swing.SwingToaster;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Point;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.net.URI;
import javax.swing.JFrame;
import javax.swing.WindowConstants;

/**
 * A second chat window, as another user of the chat would have: its own query client, cache,
 * collection and event stream, sharing only the server with the demo window. Closing it closes
 * its stream and its client. Build it on the EDT.
 */
final class ChatWindow {
  private final JFrame frame;
  private final QueryClient client;
  private final ChatTab chat;

  private ChatWindow(Component parent, URI server, String author) {
    frame = new JFrame("Chat: " + author + " (a second client)");
    client = SwingQueries.clientBuilder().toaster(new SwingToaster(frame)).build();
    chat = new ChatTab(new DemoQueries(client, new DemoApi(server)), server, author, null);
    frame.getContentPane().add(chat);
    frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    frame.addWindowListener(new WindowAdapter() {
      @Override
      public void windowClosed(WindowEvent event) {
        chat.close();
        client.close();
      }
    });
    frame.setSize(new Dimension(560, 420));
    Point at = parent.getLocationOnScreen();
    frame.setLocation(at.x + parent.getWidth() - 200, at.y + 80);
  }

  /**
   * Opens a chat window as {@code author} beside {@code parent}.
   *
   * @return the window, shown
   */
  static ChatWindow open(Component parent, URI server, String author) {
    ChatWindow window = new ChatWindow(parent, server, author);
    window.frame.setVisible(true);
    return window;
  }

  /** The window, for screenshots and tests. */
  JFrame frame() {
    return frame;
  }

  /** Its chat, for screenshots and tests. */
  ChatTab chat() {
    return chat;
  }
}
