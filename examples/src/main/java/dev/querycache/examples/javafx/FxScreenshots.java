package dev.querycache.examples.javafx;

import dev.querycache.QueryFilter;
import dev.querycache.examples.DemoApi;
import dev.querycache.examples.DemoServer;
import dev.querycache.javafx.FxCacheInspector;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Takes the JavaFX screenshots of the docs: starts the demo server and the JavaFX demo window on
 * a display (run it under Xvfb: {@code scripts/screenshots.sh}), drives the scenarios and
 * writes snapshots of the window's scene as PNG files. Not a test: it waits in real time for
 * the server's latency.
 */
public final class FxScreenshots {
  private final DemoServer server;
  private final FxDemoApp app;
  private final Path out;

  private FxScreenshots(DemoServer server, FxDemoApp app, Path out) {
    this.server = server;
    this.app = app;
    this.out = out;
  }

  /**
   * Writes {@code docs/screenshots/javafx-*.png} (or into the folder given as the first
   * argument).
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
      FxDemoApp app = FxDemoApp.show(new DemoApi(server.baseUri()), 300, 0);
      new FxScreenshots(server, app, out).run();
      onFx(() -> {
        app.stage().hide();
        return null;
      });
    }
    System.exit(0);
  }

  private void run() throws Exception {
    waitFor("notifications", () -> app.client().isFetching(QueryFilter.all()) == 0
        && !app.client().getQueriesData(QueryFilter.prefix(List.of("notification"))).isEmpty());
    pause(600);
    shoot("javafx-notifications.png");

    // An optimistic flip the server refuses: the row flips at once, then back, with a toast.
    server.settings().setLatencyMs(1200);
    server.settings().failNextRequests(1);
    onFx(() -> {
      TableView<?> table = find(app.tabs().getTabs().get(0).getContent(), TableView.class);
      table.getSelectionModel().select(1);
      find(app.tabs().getTabs().get(0).getContent(), Button.class).fire(); // "Mark as read"
      return null;
    });
    pause(400);
    shoot("javafx-notifications-optimistic.png");
    pause(2200);
    shoot("javafx-notifications-rolled-back.png");
    server.settings().setLatencyMs(300);

    onFx(() -> {
      app.tabs().getSelectionModel().select(1);
      return null;
    });
    waitFor("health checks", () -> find(app.tabs().getTabs().get(1).getContent(), CheckBox.class) != null);
    pause(600);
    onFx(() -> {
      find(app.tabs().getTabs().get(1).getContent(), CheckBox.class).fire();
      return null;
    });
    pause(100);
    shoot("javafx-health-checks.png");
    pause(1200);

    // Tasks: four tasks completed in one transaction the server refuses while a title edit,
    // another transaction, is on its way: the completion goes back, the title stays.
    onFx(() -> {
      app.tabs().getSelectionModel().select(3);
      return null;
    });
    FxTasksTab tasks = (FxTasksTab) app.tabs().getTabs().get(3).getContent();
    waitFor("tasks", () -> tasks.table().getItems().size() == 6);
    pause(600);
    server.settings().setLatencyMs(1500);
    server.settings().failNextRequests(1);
    onFx(() -> {
      tasks.table().getSelectionModel().selectRange(0, 4);
      button(tasks, "Complete selected").fire();
      tasks.table().getSelectionModel().clearAndSelect(0);
      tasks.titleField().setText("Write the release notes for 0.1.0");
      return null;
    });
    pause(900);
    shoot("javafx-tasks-pending.png");
    pause(2500);
    shoot("javafx-tasks-rolled-back.png");
    server.settings().setLatencyMs(300);

    onFx(() -> {
      app.tabs().getSelectionModel().select(2);
      return null;
    });
    pause(1200);
    onFx(() -> {
      Node mailbox = app.tabs().getTabs().get(2).getContent();
      find(mailbox, TableView.class).getSelectionModel().select(0);
      button(mailbox, "Archive").fire();
      return null;
    });
    pause(1500);
    shoot("javafx-mailbox-undo.png");
    pause(1200);

    // Chat: Bob, in a second window with his own client, asks; Ada answers; each message shows
    // at once in its sender's window and comes back over the server's event stream.
    onFx(() -> {
      for (Node node : app.stage().getScene().getRoot().lookupAll(".button")) {
        if (node instanceof Button close && "\u00d7".equals(close.getText())) {
          close.fire(); // the mailbox's undo toast: gone before the chat's pictures
        }
      }
      app.tabs().getSelectionModel().select(4);
      return null;
    });
    FxChatTab chat = (FxChatTab) app.tabs().getTabs().get(4).getContent();
    onFx(() -> {
      button(chat, "Open a second window").fire();
      return null;
    });
    waitFor("the second chat window", () -> app.secondWindow() != null && app.secondWindow().stage().isShowing());
    FxChatWindow other = onFx(app::secondWindow);
    pause(600);
    onFx(() -> {
      other.chat().textField().setText("Hi Ada, did the build pass?");
      button(other.chat(), "Send").fire();
      return null;
    });
    waitFor("Bob's message", () -> chat.table().getItems().size() == 1);
    pause(600);
    server.settings().setLatencyMs(1500);
    onFx(() -> {
      chat.textField().setText("It did: all green");
      button(chat, "Send").fire();
      return null;
    });
    pause(300);
    shoot("javafx-chat-sending.png");
    pause(1800);
    shootScene(other.stage().getScene(), "javafx-chat-second-window.png");
    server.settings().setLatencyMs(300);
    onFx(() -> {
      other.stage().close();
      return null;
    });

    // The cache inspector, over the mailbox: the inbox query selected.
    javafx.stage.Stage inspector = onFx(() -> FxCacheInspector.showWindow(app.stage(), app.client()));
    pause(800);
    onFx(() -> {
      TableView<?> queries = (TableView<?>) inspector.getScene().getRoot().lookup("#cache-inspector-queries");
      for (int row = 0; row < queries.getItems().size(); row++) {
        if (String.valueOf(queries.getItems().get(row)).contains("envelopes")) {
          queries.getSelectionModel().select(row);
          break;
        }
      }
      return null;
    });
    pause(400);
    shootScene(inspector.getScene(), "javafx-inspector.png");
    onFx(() -> {
      inspector.hide();
      return null;
    });
  }

  private void shoot(String name) throws Exception {
    shootScene(app.stage().getScene(), name);
  }

  private void shootScene(javafx.scene.Scene scene, String name) throws Exception {
    BufferedImage image = onFx(() -> {
      WritableImage snapshot = scene.snapshot(null);
      PixelReader pixels = snapshot.getPixelReader();
      BufferedImage copy =
          new BufferedImage((int) snapshot.getWidth(), (int) snapshot.getHeight(), BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < copy.getHeight(); y++) {
        for (int x = 0; x < copy.getWidth(); x++) {
          copy.setRGB(x, y, pixels.getArgb(x, y));
        }
      }
      return copy;
    });
    Path file = out.resolve(name);
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer");
    }
    System.out.println("wrote " + file);
  }

  private static void pause(long millis) throws InterruptedException {
    Thread.sleep(millis); // real time: the server's latency is real
  }

  private static void waitFor(String what, BooleanSupplier ready) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (onFx(ready::getAsBoolean)) {
        return;
      }
      pause(100);
    }
    throw new IllegalStateException("timed out waiting for " + what);
  }

  private static <R> R onFx(Callable<R> step) throws Exception {
    CompletableFuture<R> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(step.call());
      } catch (Exception | Error e) {
        result.completeExceptionally(e);
      }
    });
    return result.get();
  }

  private static <C extends Node> C find(Node root, Class<C> type) {
    if (type.isInstance(root)) {
      return type.cast(root);
    }
    if (root instanceof Parent) {
      for (Node child : ((Parent) root).getChildrenUnmodifiable()) {
        C found = find(child, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static Button button(Node root, String text) {
    if (root instanceof Button && text.equals(((Button) root).getText())) {
      return (Button) root;
    }
    if (root instanceof Parent) {
      for (Node child : ((Parent) root).getChildrenUnmodifiable()) {
        Button found = button(child, text);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
