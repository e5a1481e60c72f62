package dev.querycache.examples.swing;

import com.formdev.flatlaf.FlatLightLaf;
import dev.querycache.QueryClient;
import dev.querycache.examples.DemoApi;
import dev.querycache.examples.DemoQueries;
import dev.querycache.swing.CacheInspector;
import dev.querycache.swing.SwingQueries;
import dev.querycache.swing.SwingToaster;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.concurrent.CountDownLatch;
import javax.swing.JFrame;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.jspecify.annotations.Nullable;

/**
 * The demo window: a tab per screen, the server controls on top, toasts in the corner, and
 * the cache inspector under View (Ctrl+Shift+I). Build and show it on the EDT.
 */
public final class DemoApp {
  private final JFrame frame;
  private final QueryClient client;
  private final JTabbedPane tabs = new JTabbedPane();
  private final ChatTab chat;
  /** The chat's second window, once opened (EDT only). */
  private @Nullable ChatWindow secondWindow;

  private DemoApp(DemoApi api, long latencyMs, double failureRate) {
    frame = new JFrame("query-cache demo");
    SwingToaster toaster = new SwingToaster(frame);
    client = SwingQueries.clientBuilder().toaster(toaster).build();
    DemoQueries queries = new DemoQueries(client, api);

    tabs.addTab("Notifications", new NotificationsTab(client, queries));
    tabs.addTab("Health checks", new HealthChecksTab(client, queries));
    tabs.addTab("Mailbox", new MailboxTab(client, queries));
    tabs.addTab("Tasks", new TasksTab(queries));
    chat = new ChatTab(queries, api.baseUri(), "Ada", () -> secondWindow = ChatWindow.open(frame, api.baseUri(), "Bob"));
    tabs.addTab("Chat", chat);

    frame.setJMenuBar(menuBar());
    frame.getContentPane().add(new ServerControls(api, latencyMs, failureRate), BorderLayout.NORTH);
    frame.getContentPane().add(tabs, BorderLayout.CENTER);
    frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    frame.setMinimumSize(new Dimension(820, 560));
    frame.setSize(new Dimension(980, 660));
    frame.setLocationByPlatform(true);
    CacheInspector.installShortcut(frame.getRootPane(), client);
    SwingQueries.installFocusRefetch(frame, client);
  }

  private JMenuBar menuBar() {
    JMenuItem inspector = new JMenuItem("Cache inspector");
    inspector.setAccelerator(CacheInspector.SHORTCUT);
    inspector.addActionListener(event -> CacheInspector.showWindow(frame, client));
    JMenu view = new JMenu("View");
    view.add(inspector);
    JMenuBar bar = new JMenuBar();
    bar.add(view);
    return bar;
  }

  /**
   * Sets up the look and feel, builds the window on the EDT and shows it.
   *
   * @param api the demo server's client
   * @param latencyMs the server's latency now, for the slider
   * @param failureRate the server's failure rate now (0 to 1), for the slider
   * @return the app, shown
   * @throws Exception if the window cannot be built
   */
  public static DemoApp show(DemoApi api, long latencyMs, double failureRate) throws Exception {
    DemoApp[] app = new DemoApp[1];
    SwingUtilities.invokeAndWait(
        () -> {
          FlatLightLaf.setup();
          app[0] = new DemoApp(api, latencyMs, failureRate);
          app[0].frame.setVisible(true);
        });
    return app[0];
  }

  /**
   * Blocks until the window is closed.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitClose() throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    SwingUtilities.invokeLater(
        () -> {
          if (!frame.isDisplayable()) {
            closed.countDown();
            return;
          }
          frame.addWindowListener(
              new WindowAdapter() {
                @Override
                public void windowClosed(WindowEvent event) {
                  closed.countDown();
                }
              });
        });
    closed.await();
    chat.close();
    client.close();
  }

  /**
   * The window, for screenshots and tests.
   *
   * @return the frame
   */
  public JFrame frame() {
    return frame;
  }

  /**
   * The tabs, for screenshots and tests.
   *
   * @return the tabbed pane
   */
  public JTabbedPane tabs() {
    return tabs;
  }

  /** The chat's second window, if it was opened (EDT only), for screenshots and tests. */
  @Nullable ChatWindow secondWindow() {
    return secondWindow;
  }

  /**
   * The app's client, for screenshots and tests.
   *
   * @return the client
   */
  public QueryClient client() {
    return client;
  }
}
