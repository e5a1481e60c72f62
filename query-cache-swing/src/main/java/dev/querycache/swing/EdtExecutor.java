package dev.querycache.swing;

import dev.querycache.internal.ui.BatchingExecutor;
import java.util.concurrent.Executor;
import javax.swing.SwingUtilities;

/**
 * The notify executor for Swing: runs the cache's listener deliveries on the Event Dispatch
 * Thread, a whole burst of them per EDT event. {@link SwingQueries#clientBuilder()} installs
 * one; when building the client by hand, pass your own with
 * {@code SwingUtilities::isEventDispatchThread} to
 * {@link dev.querycache.QueryClientBuilder#notifyExecutor(Executor, java.util.function.BooleanSupplier)}.
 *
 * <p>{@code SwingUtilities::invokeLater} as a notify executor posts one EDT event per
 * delivery: a refetch that touches a thousand observed queries floods the event queue with a
 * thousand events, and input and paint events wait behind them. This executor queues tasks
 * instead. The first task of a burst posts <em>one</em> event, which runs every task queued
 * by the time it runs, including tasks queued while it runs. After {@value #MAX_TASKS_PER_EVENT}
 * tasks it yields: it posts a new event for the rest and returns, so that the input and paint
 * events queued meanwhile get their turn. A burst of {@code n} deliveries queued while the
 * EDT is busy therefore costs {@code ceil(n / }{@value #MAX_TASKS_PER_EVENT}{@code )} events.
 *
 * <p>Tasks run in the order they were submitted. A task submitted on the EDT is queued like
 * any other and runs in a later event (or later in the running one), never inside its
 * caller. A task that throws propagates to the EDT's uncaught-exception handler, as an
 * {@code invokeLater} task would; the tasks behind it run in a new event. (The mechanism is
 * the core's, shared by the UI modules; this class gives it the EDT.)
 *
 * <p>Thread-safe: {@link #execute(Runnable)} may be called from any thread.
 *
 * @since 0.1.0
 */
public final class EdtExecutor implements Executor {
  /** How many tasks one EDT event runs before it yields to the rest of the event queue. */
  static final int MAX_TASKS_PER_EVENT = 256;

  private final BatchingExecutor batches;

  /** An executor that posts its events with {@link SwingUtilities#invokeLater(Runnable)}. */
  public EdtExecutor() {
    this(SwingUtilities::invokeLater, MAX_TASKS_PER_EVENT);
  }

  /**
   * An executor that posts its events through {@code poster}, for tests that count or hold
   * the events.
   *
   * @param poster runs the given event on the EDT, later
   * @param maxTasksPerEvent how many tasks an event runs before it posts a successor
   * @throws NullPointerException if {@code poster} is null
   * @throws IllegalArgumentException if {@code maxTasksPerEvent} is not positive
   */
  EdtExecutor(Executor poster, int maxTasksPerEvent) {
    this.batches = new BatchingExecutor(poster, maxTasksPerEvent);
  }

  /**
   * Queues {@code task} to run on the EDT, posting an EDT event if none is pending. Never
   * runs the task on the calling thread, even when called on the EDT.
   *
   * @param task what to run
   * @throws NullPointerException if {@code task} is null
   * @throws RuntimeException whatever posting the event threw (the task stays queued and
   *     runs with the next event)
   */
  @Override
  public void execute(Runnable task) {
    batches.execute(task);
  }

  /**
   * Throws unless the caller runs on the EDT.
   *
   * @param method the public method that requires the EDT, as {@code Type.method}, for the
   *     message
   * @throws IllegalStateException if the calling thread is not the EDT
   */
  static void checkOnEdt(String method) {
    if (!SwingUtilities.isEventDispatchThread()) {
      throw new IllegalStateException(
          method + " must be called on the Event Dispatch Thread, not on thread \""
              + Thread.currentThread().getName() + "\"");
    }
  }

  @Override
  public String toString() {
    return "EdtExecutor{queued=" + batches.queued() + "}";
  }
}
