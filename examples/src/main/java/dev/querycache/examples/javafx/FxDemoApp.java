package dev.querycache.examples.javafx;

import dev.querycache.QueryClient;
import dev.querycache.examples.DemoApi;
import dev.querycache.examples.DemoQueries;
import dev.querycache.javafx.FxCacheInspector;
import dev.querycache.javafx.FxQueries;
import dev.querycache.javafx.FxToaster;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;

/**
 * The demo's JavaFX window: a tab per screen, the server controls on top, toasts in the
 * corner, refetch when the application regains the focus, the cache inspector on
 * Ctrl+Shift+I. Build and show it with
 * {@link #show}.
 */
public final class FxDemoApp {
  private final Stage stage;
  private final QueryClient client;
  private final TabPane tabs = new TabPane();
  private final FxChatTab chat;
  /** The chat's second window, once opened (FX Application Thread only). */
  private @Nullable FxChatWindow secondWindow;

  private FxDemoApp(DemoApi api, long latencyMs, double failureRate) {
    BorderPane screen = new BorderPane(tabs);
    StackPane root = new StackPane(screen);
    client = FxQueries.clientBuilder().toaster(new FxToaster(root)).build();
    DemoQueries queries = new DemoQueries(client, api);
    tabs.getTabs().add(tab("Notifications", new FxNotificationsTab(client, queries)));
    tabs.getTabs().add(tab("Health checks", new FxHealthChecksTab(client, queries)));
    tabs.getTabs().add(tab("Mailbox", new FxMailboxTab(client, queries)));
    tabs.getTabs().add(tab("Tasks", new FxTasksTab(queries)));
    chat = new FxChatTab(queries, api.baseUri(), "Ada", () -> openSecondWindow(api));
    tabs.getTabs().add(tab("Chat", chat));
    screen.setTop(new FxServerControls(api, latencyMs, failureRate));
    stage = new Stage();
    stage.setTitle("query-cache demo (JavaFX)");
    Scene scene = new Scene(root, 980, 660);
    stage.setScene(scene);
    FxQueries.installFocusRefetch(client);
    FxCacheInspector.installShortcut(scene, client); // Ctrl+Shift+I
  }

  /** Opens the chat's second window: Bob, with his own client. */
  private void openSecondWindow(DemoApi api) {
    secondWindow = FxChatWindow.open(stage, api.baseUri(), "Bob");
  }

  private static Tab tab(String name, javafx.scene.Node content) {
    Tab tab = new Tab(name, content);
    tab.setClosable(false);
    return tab;
  }

  /**
   * Starts JavaFX if needed, builds the window on the FX Application Thread and shows it.
   *
   * @param api the demo server's client
   * @param latencyMs the server's latency now, for the slider
   * @param failureRate the server's failure rate now (0 to 1), for the slider
   * @return the app, shown
   * @throws Exception if the window cannot be built
   */
  public static FxDemoApp show(DemoApi api, long latencyMs, double failureRate) throws Exception {
    CompletableFuture<Void> started = new CompletableFuture<>();
    try {
      Platform.startup(() -> started.complete(null));
    } catch (IllegalStateException alreadyRunning) {
      started.complete(null);
    }
    started.get();
    CompletableFuture<FxDemoApp> app = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        FxDemoApp made = new FxDemoApp(api, latencyMs, failureRate);
        made.stage.show();
        app.complete(made);
      } catch (RuntimeException | Error e) {
        app.completeExceptionally(e);
      }
    });
    return app.get();
  }

  /**
   * Blocks until the window is closed, then closes the client.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitClose() throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    Platform.runLater(() -> {
      if (!stage.isShowing()) {
        closed.countDown();
        return;
      }
      stage.setOnHidden(event -> closed.countDown());
    });
    closed.await();
    chat.close();
    client.close();
  }

  /**
   * The window, for screenshots.
   *
   * @return the stage
   */
  public Stage stage() {
    return stage;
  }

  /**
   * The tabs, for screenshots.
   *
   * @return the tab pane
   */
  public TabPane tabs() {
    return tabs;
  }

  /** The chat's second window, if it was opened (FX Application Thread only), for screenshots. */
  @Nullable FxChatWindow secondWindow() {
    return secondWindow;
  }

  /**
   * The app's client, for screenshots.
   *
   * @return the client
   */
  public QueryClient client() {
    return client;
  }
}
