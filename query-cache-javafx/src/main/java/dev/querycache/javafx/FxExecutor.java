package dev.querycache.javafx;

import dev.querycache.internal.ui.BatchingExecutor;
import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The notify executor for JavaFX: runs the cache's listener deliveries on the FX Application
 * Thread, a whole burst of them per {@link Platform#runLater} pulse. {@link FxQueries#clientBuilder()}
 * installs one; when building the client by hand, pass your own with
 * {@code Platform::isFxApplicationThread} to
 * {@link dev.querycache.QueryClientBuilder#notifyExecutor(Executor, java.util.function.BooleanSupplier)}.
 *
 * <p>{@code Platform::runLater} as a notify executor posts one runnable per delivery: a
 * refetch that touches a thousand observed queries queues a thousand of them, and input and
 * layout wait behind. This executor queues tasks instead. The first task of a burst posts
 * <em>one</em> runnable, which runs every task queued by the time it runs, including tasks
 * queued while it runs; after {@value #MAX_TASKS_PER_PULSE} tasks it yields, posting a new
 * runnable for the rest. A burst of {@code n} deliveries therefore costs
 * {@code ceil(n / }{@value #MAX_TASKS_PER_PULSE}{@code )} runnables.
 *
 * <p>Tasks run in the order they were submitted. A task submitted on the FX thread is queued
 * like any other and runs later, never inside its caller. A task that throws propagates to
 * the FX thread's uncaught-exception handler, as a {@code runLater} task would; the tasks
 * behind it run in a new runnable. (The mechanism is the core's, shared with Swing's
 * {@code EdtExecutor}; this class gives it the FX thread.)
 *
 * <p>Thread-safe: {@link #execute(Runnable)} may be called from any thread. The JavaFX
 * platform must have started (an {@code Application}, or {@link Platform#startup}).
 *
 * @since 0.1.0
 */
public final class FxExecutor implements Executor {
  /** How many tasks one runnable runs before it yields to the rest of the FX event queue. */
  static final int MAX_TASKS_PER_PULSE = 256;

  private final BatchingExecutor batches;

  /** An executor that posts its runnables with {@link Platform#runLater(Runnable)}. */
  public FxExecutor() {
    this(Platform::runLater, MAX_TASKS_PER_PULSE);
  }

  /**
   * An executor that posts its runnables through {@code poster}, for tests that count or
   * hold them.
   *
   * @param poster runs the given runnable on the FX thread, later
   * @param maxTasksPerPulse how many tasks a runnable runs before it posts a successor
   * @throws NullPointerException if {@code poster} is null
   * @throws IllegalArgumentException if {@code maxTasksPerPulse} is not positive
   */
  FxExecutor(Executor poster, int maxTasksPerPulse) {
    this.batches = new BatchingExecutor(poster, maxTasksPerPulse);
  }

  /**
   * Queues {@code task} to run on the FX Application Thread, posting a runnable if none is
   * pending. Never runs the task on the calling thread, even when called on the FX thread.
   *
   * @param task what to run
   * @throws NullPointerException if {@code task} is null
   * @throws IllegalStateException if the JavaFX platform has not started (the task stays
   *     queued and runs with the next post)
   */
  @Override
  public void execute(Runnable task) {
    batches.execute(task);
  }

  /**
   * Throws unless the caller runs on the FX Application Thread.
   *
   * @param method the public method that requires it, as {@code Type.method}, for the message
   * @throws IllegalStateException if the calling thread is not the FX Application Thread
   */
  static void checkOnFxThread(String method) {
    if (!Platform.isFxApplicationThread()) {
      throw new IllegalStateException(
          method + " must be called on the JavaFX Application Thread, not on thread \""
              + Thread.currentThread().getName() + "\" (use Platform.runLater)");
    }
  }

  @Override
  public String toString() {
    return "FxExecutor{queued=" + batches.queued() + "}";
  }
}
