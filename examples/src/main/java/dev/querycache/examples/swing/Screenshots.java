package dev.querycache.examples.swing;

import dev.querycache.QueryFilter;
import dev.querycache.examples.DemoApi;
import dev.querycache.examples.DemoServer;
import java.awt.Component;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JCheckBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.SwingUtilities;

/**
 * Takes the screenshots of the docs: starts the demo server and the demo app on a display
 * (run it under Xvfb: {@code scripts/screenshots.sh}), drives the scenarios and paints the
 * window into PNG files. Not a test: it waits in real time for the server's latency.
 */
public final class Screenshots {
  private final DemoServer server;
  private final DemoApp app;
  private final Path out;

  private Screenshots(DemoServer server, DemoApp app, Path out) {
    this.server = server;
    this.app = app;
    this.out = out;
  }

  /**
   * Writes {@code docs/screenshots/*.png} (or into the folder given as the first argument).
   *
   * @param args an optional output folder
   * @throws Exception if the app cannot be driven or a file not written
   */
  public static void main(String[] args) throws Exception {
    if (GraphicsEnvironment.isHeadless()) {
      System.err.println("Screenshots need a display: run scripts/screenshots.sh (it uses Xvfb)");
      System.exit(2);
    }
    Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
    Files.createDirectories(out);
    try (DemoServer server = DemoServer.builder().latency(Duration.ofMillis(300)).build().start()) {
      DemoApp app = DemoApp.show(new DemoApi(server.baseUri()), 300, 0);
      new Screenshots(server, app, out).run();
      SwingUtilities.invokeAndWait(() -> app.frame().dispose());
    }
    System.exit(0);
  }

  private void run() throws Exception {
    waitFor("notifications", () -> app.client().isFetching(QueryFilter.all()) == 0
        && !app.client().getQueriesData(QueryFilter.prefix(java.util.List.of("notification"))).isEmpty());
    settle();
    shoot(app.frame(), "notifications.png");
    // Open from here on, so that its timelines hold what the demo does next.
    JDialog[] inspector = new JDialog[1];
    onEdt(() -> inspector[0] = dev.querycache.swing.CacheInspector.showWindow(app.frame(), app.client()));

    // An optimistic flip the server refuses: the row flips at once, then back, with a toast.
    server.settings().setLatencyMs(1200);
    server.settings().failNextRequests(1);
    onEdt(() -> {
      JTable table = find(app.tabs().getComponentAt(0), JTable.class);
      table.setRowSelectionInterval(1, 1);
      table.setValueAt(Boolean.TRUE, 1, 0);
    });
    pause(400);
    shoot(app.frame(), "notifications-optimistic.png");
    pause(2200);
    shoot(app.frame(), "notifications-rolled-back.png");
    server.settings().setLatencyMs(300);

    onEdt(() -> app.tabs().setSelectedIndex(1));
    waitFor("health checks", () -> find(app.tabs().getComponentAt(1), JCheckBox.class) != null);
    settle();
    onEdt(() -> find(app.tabs().getComponentAt(1), JCheckBox.class).doClick());
    pause(100);
    shoot(app.frame(), "health-checks.png");
    pause(1200);

    // Tasks: four tasks completed in one transaction that the server refuses, and meanwhile a
    // title typed into the first (sent when the typing pauses): the completion goes back with a
    // toast, and the title, another transaction, stays.
    onEdt(() -> app.tabs().setSelectedIndex(3));
    TasksTab tasks = (TasksTab) app.tabs().getComponentAt(3);
    waitFor("tasks", () -> tasks.table().getRowCount() == 6);
    settle();
    server.settings().setLatencyMs(1500);
    server.settings().failNextRequests(1);
    onEdt(() -> {
      tasks.table().setRowSelectionInterval(0, 3);
      button(tasks, "Complete selected").doClick();
      tasks.table().setRowSelectionInterval(0, 0);
      tasks.titleField().setText("Write the release notes for 0.1.0");
    });
    pause(900);
    shoot(app.frame(), "tasks-pending.png");
    pause(2500);
    shoot(app.frame(), "tasks-rolled-back.png");
    server.settings().setLatencyMs(300);

    onEdt(() -> app.tabs().setSelectedIndex(2));
    pause(1200);
    onEdt(() -> find(app.tabs().getComponentAt(2), JTable.class).setRowSelectionInterval(0, 0));
    onEdt(() -> button(app.tabs().getComponentAt(2), "Archive").doClick());
    pause(1500);
    shoot(app.frame(), "mailbox-undo.png");
    pause(1200);

    // Chat: a second window with its own client; a message shows at once in the sender's window
    // ("sending..."), then comes back over the server's event stream: the same row, sent, and
    // the message appears in the other window. Then one the server refuses leaves with a toast.
    onEdt(() -> {
      for (AbstractButton close; (close = button(app.frame().getLayeredPane(), "\u00D7")) != null; ) {
        close.doClick(); // the mailbox's undo toast: gone before the chat's pictures
      }
      app.tabs().setSelectedIndex(4);
    });
    ChatTab chat = (ChatTab) app.tabs().getComponentAt(4);
    onEdt(() -> button(chat, "Open a second window").doClick());
    waitFor("the second chat window", () -> app.secondWindow() != null && app.secondWindow().frame().isShowing());
    ChatWindow other = app.secondWindow();
    settle();
    onEdt(() -> {
      other.chat().textField().setText("Hi Ada, did the build pass?");
      button(other.chat(), "Send").doClick();
    });
    waitFor("Bob's message", () -> chat.table().getRowCount() == 1);
    pause(800);
    slider("serverControls.latency", 1500); // the demo's own knobs, so that the pictures show them
    pause(300);
    onEdt(() -> {
      chat.textField().setText("It did: 1 470 tests, all green");
      button(chat, "Send").doClick();
    });
    pause(300);
    shootSideBySide("chat-sending.png", app.frame(), other.frame());
    pause(1800);
    shootSideBySide("chat-sent.png", app.frame(), other.frame());
    slider("serverControls.failureRate", 100);
    pause(300);
    onEdt(() -> {
      chat.textField().setText("This one the server refuses");
      button(chat, "Send").doClick();
    });
    pause(500);
    shoot(app.frame(), "chat-refused-sending.png");
    pause(1600);
    shoot(app.frame(), "chat-rolled-back.png");
    slider("serverControls.failureRate", 0);
    slider("serverControls.latency", 300);
    pause(300);
    onEdt(() -> other.frame().dispose());


    // The inspector on the notifications page: its data, then its timeline (the refused flip).
    onEdt(() -> {
      JTable queries = (JTable) named(inspector[0], "cacheInspector.queries");
      for (int row = 0; row < queries.getRowCount(); row++) {
        if (String.valueOf(queries.getValueAt(row, 0)).contains("getNotifications")) {
          queries.setRowSelectionInterval(row, row);
          break;
        }
      }
    });
    pause(800);
    shoot(inspector[0], "inspector.png");
    onEdt(() -> ((JTabbedPane) named(inspector[0], "cacheInspector.detailTabs")).setSelectedIndex(1));
    pause(300);
    shoot(inspector[0], "inspector-timeline.png");
    // The mutations tab: the refused mark-as-read, and the query its layer patched.
    onEdt(() -> {
      ((JTabbedPane) named(inspector[0], "cacheInspector.tabs")).setSelectedIndex(1);
      JTable runs = (JTable) named(inspector[0], "cacheInspector.mutations");
      for (int row = 0; row < runs.getRowCount(); row++) {
        if ("Mark as read".equals(runs.getValueAt(row, 1))) {
          runs.setRowSelectionInterval(row, row);
          break;
        }
      }
    });
    pause(300);
    shoot(inspector[0], "inspector-mutations.png");
  }

  private static void settle() throws InterruptedException {
    pause(600);
  }

  private static void pause(long millis) throws InterruptedException {
    Thread.sleep(millis); // real time: the server's latency is real
  }

  private static void waitFor(String what, BooleanSupplier ready) throws Exception {
    for (int i = 0; i < 100; i++) {
      boolean[] done = new boolean[1];
      SwingUtilities.invokeAndWait(() -> done[0] = ready.getAsBoolean());
      if (done[0]) {
        return;
      }
      pause(100);
    }
    throw new IllegalStateException("timed out waiting for " + what);
  }

  /** Moves the server controls' slider {@code name} to {@code value}, as a user would. */
  private void slider(String name, int value) throws Exception {
    onEdt(() -> ((javax.swing.JSlider) named(app.frame(), name)).setValue(value));
  }

  private static void onEdt(Runnable action) throws Exception {
    SwingUtilities.invokeAndWait(action);
  }

  private void shoot(javax.swing.RootPaneContainer window, String name) throws Exception {
    BufferedImage[] image = new BufferedImage[1];
    SwingUtilities.invokeAndWait(() -> {
      JComponent root = window.getRootPane();
      image[0] = new BufferedImage(root.getWidth(), root.getHeight(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image[0].createGraphics();
      root.paint(g);
      g.dispose();
    });
    Path file = out.resolve(name);
    if (!ImageIO.write(image[0], "png", file.toFile())) {
      throw new IOException("no PNG writer");
    }
    System.out.println("wrote " + file);
  }

  /** Paints {@code left} and {@code right} into one PNG, side by side, as a user sees two windows. */
  private void shootSideBySide(String name, JFrame left, JFrame right) throws Exception {
    BufferedImage[] image = new BufferedImage[1];
    SwingUtilities.invokeAndWait(() -> {
      JComponent one = left.getRootPane();
      JComponent two = right.getRootPane();
      int gap = 16;
      image[0] = new BufferedImage(one.getWidth() + gap + two.getWidth(), Math.max(one.getHeight(), two.getHeight()),
          BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image[0].createGraphics();
      g.setColor(java.awt.Color.DARK_GRAY);
      g.fillRect(0, 0, image[0].getWidth(), image[0].getHeight());
      one.paint(g);
      g.translate(one.getWidth() + gap, 0);
      two.paint(g);
      g.dispose();
    });
    Path file = out.resolve(name);
    if (!ImageIO.write(image[0], "png", file.toFile())) {
      throw new IOException("no PNG writer");
    }
    System.out.println("wrote " + file);
  }

  private static <C extends Component> C find(Component root, Class<C> type) {
    if (type.isInstance(root)) {
      return type.cast(root);
    }
    if (root instanceof java.awt.Container) {
      for (Component child : ((java.awt.Container) root).getComponents()) {
        C found = find(child, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static Component named(Component root, String name) {
    if (name.equals(root.getName())) {
      return root;
    }
    if (root instanceof java.awt.Container) {
      for (Component child : ((java.awt.Container) root).getComponents()) {
        Component found = named(child, name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static AbstractButton button(Component root, String text) {
    if (root instanceof AbstractButton && text.equals(((AbstractButton) root).getText())) {
      return (AbstractButton) root;
    }
    if (root instanceof java.awt.Container) {
      for (Component child : ((java.awt.Container) root).getComponents()) {
        AbstractButton found = button(child, text);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
