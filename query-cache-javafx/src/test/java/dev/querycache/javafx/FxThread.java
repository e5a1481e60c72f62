package dev.querycache.javafx;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;

/**
 * The tests' way onto the FX Application Thread: starts the JavaFX platform once per test JVM
 * (headless, under Monocle; it stays up when the last window closes), runs a step there and
 * waits for it, rethrowing what it threw.
 */
final class FxThread {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private FxThread() {}

  /** Starts the platform, once. */
  static void start() {
    if (STARTED.compareAndSet(false, true)) {
      CompletableFuture<Void> up = new CompletableFuture<>();
      try {
        Platform.startup(() -> up.complete(null));
      } catch (IllegalStateException alreadyStarted) {
        up.complete(null);
      }
      up.join();
      Platform.setImplicitExit(false);
    }
  }

  /** A step that may throw. */
  interface Step {
    void run() throws Exception;
  }

  /** Runs {@code step} on the FX thread and waits for it. */
  static void run(Step step) {
    call(() -> {
      step.run();
      return null;
    });
  }

  /** Runs {@code step} on the FX thread and returns its result. */
  static <R> R call(Callable<R> step) {
    start();
    CompletableFuture<R> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(step.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the FX thread did not run the step within 30 s", e);
    }
  }

  /** Lets the FX thread run what was posted before this call. */
  static void flush() {
    run(() -> { });
  }

  /**
   * Lets the FX thread run what is posted, a round at a time, until {@code condition} (checked
   * there) holds; a bounded number of rounds, no sleeping.
   */
  static void await(String what, BooleanSupplier condition) {
    for (int round = 0; round < 100; round++) {
      if (call(condition::getAsBoolean)) {
        return;
      }
    }
    throw new AssertionError(what + " did not hold within 100 rounds of FX events");
  }
}
