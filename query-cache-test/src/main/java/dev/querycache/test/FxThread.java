package dev.querycache.test;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;

/**
 * The JavaFX Application Thread, for tests of JavaFX bindings that run on the test's own
 * thread with a JavaFX client ({@code FxQueries.clientBuilder()}): the client delivers to the
 * FX thread later, so a test lets it catch up before it looks.
 *
 * <pre>{@code
 * client.setQueryData(key, List.of("write specs"));   // delivered to the FX thread later
 * FxThread.flush();                                   // what was posted there has run
 * assertThat(FxThread.call(rows::size)).isEqualTo(1);
 * }</pre>
 *
 * <p>The first call starts the JavaFX platform if nothing has (headless under Monocle when
 * the test JVM runs with {@code -Dglass.platform=Monocle -Dmonocle.platform=Headless
 * -Dprism.order=sw}), and keeps it up when the last window closes. Needs JavaFX on the test
 * class path (the kit does not bring it). Call these methods on the test's thread, not on the
 * FX thread, where waiting for it would wait for itself.
 *
 * @since 0.1.0
 */
public final class FxThread {
  /** How many rounds {@link #flush()} lets the FX thread run. */
  static final int FLUSH_ROUNDS = 4;
  /** How long a step may take on the FX thread before the wait fails. */
  static final long TIMEOUT_SECONDS = 30;

  private static volatile boolean started;

  private FxThread() {}

  /**
   * Starts the JavaFX platform unless it runs already, and keeps it running when the last
   * window closes.
   *
   * @throws IllegalStateException if the platform cannot start, or if interrupted meanwhile
   */
  public static synchronized void start() {
    if (started) {
      return;
    }
    CompletableFuture<Void> up = new CompletableFuture<>();
    try {
      Platform.startup(() -> up.complete(null));
    } catch (IllegalStateException alreadyRunning) {
      up.complete(null);
    }
    await(up, "the JavaFX platform to start");
    Platform.setImplicitExit(false);
    started = true;
  }

  /**
   * Lets the FX thread run what was posted to it before this call, and what that posted in
   * turn, for {@value #FLUSH_ROUNDS} rounds (JavaFX has no queue to look into).
   *
   * @throws IllegalStateException if called on the FX thread, or if interrupted while waiting
   */
  public static void flush() {
    checkOffFxThread("FxThread.flush");
    for (int round = 0; round < FLUSH_ROUNDS; round++) {
      call(() -> null);
    }
  }

  /**
   * Runs {@code action} on the FX thread and waits for it, rethrowing what it throws (a
   * checked exception wrapped in an {@link IllegalStateException}).
   *
   * @param action what to run there
   * @param <T> what it returns
   * @return what {@code action} returned
   * @throws NullPointerException if {@code action} is null
   * @throws IllegalStateException if called on the FX thread, if the action takes longer than
   *     {@value #TIMEOUT_SECONDS} seconds, or if interrupted while waiting
   */
  public static <T> T call(Callable<T> action) {
    Objects.requireNonNull(action, "action == null");
    checkOffFxThread("FxThread.call");
    start();
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(action.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return await(result, "the FX thread to run the action");
  }

  /**
   * Runs {@code action} on the FX thread and waits for it, rethrowing what it throws.
   *
   * @param action what to run there
   * @throws NullPointerException if {@code action} is null
   * @throws IllegalStateException if called on the FX thread, or if interrupted while waiting
   */
  public static void run(Runnable action) {
    Objects.requireNonNull(action, "action == null");
    call(() -> {
      action.run();
      return null;
    });
  }

  /**
   * Lets the FX thread run what was posted to it, then waits for a layout pulse of
   * {@code node}'s scene to finish: the layout a real pulse does (CSS, layout, and what runs
   * after it), for code that measures rows on screen. Asks for the pulse itself.
   *
   * @param node a node in a showing window
   * @throws NullPointerException if {@code node} is null
   * @throws IllegalStateException if called on the FX thread, if the node is in no scene, if
   *     no pulse comes within {@value #TIMEOUT_SECONDS} seconds, or if interrupted while waiting
   */
  public static void pulse(Node node) {
    Objects.requireNonNull(node, "node == null");
    checkOffFxThread("FxThread.pulse");
    flush();
    CompletableFuture<Void> laidOut = new CompletableFuture<>();
    run(() -> {
      Scene scene = node.getScene();
      if (scene == null) {
        throw new IllegalStateException("FxThread.pulse: " + node + " is in no scene");
      }
      Runnable[] once = new Runnable[1];
      once[0] = () -> {
        scene.removePostLayoutPulseListener(once[0]);
        laidOut.complete(null);
      };
      scene.addPostLayoutPulseListener(once[0]);
      scene.getRoot().requestLayout();
      Platform.requestNextPulse();
    });
    await(laidOut, "a layout pulse");
    flush();
  }

  private static <T> T await(CompletableFuture<T> future, String what) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException("the action threw on the FX thread: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("waited " + TIMEOUT_SECONDS + " s for " + what, e);
    }
  }

  private static void checkOffFxThread(String method) {
    if (Platform.isFxApplicationThread()) {
      throw new IllegalStateException(method + " waits for the FX thread, so it must be called on the test's"
          + " thread, not on the FX thread (where it would wait for itself)");
    }
  }
}
