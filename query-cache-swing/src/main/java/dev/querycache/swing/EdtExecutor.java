package dev.querycache.swing;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.SwingUtilities;

/**
 * The notify executor for Swing: runs the cache's listener deliveries on the Event Dispatch
 * Thread, a whole burst of them per EDT event. {@link SwingQueries#clientBuilder()} installs
 * one; pass your own to {@link dev.querycache.QueryClientBuilder#notifyExecutor} only when
 * building the client by hand.
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
 * {@code invokeLater} task would; the tasks behind it run in a new event.
 *
 * <p>Thread-safe: {@link #execute(Runnable)} may be called from any thread.
 */
public final class EdtExecutor implements Executor {
  /** How many tasks one EDT event runs before it yields to the rest of the event queue. */
  static final int MAX_TASKS_PER_EVENT = 256;

  private final Executor poster;
  private final int maxTasksPerEvent;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  /** True from the post of an event until that event (or its successor) finds the queue empty. */
  private final AtomicBoolean eventPending = new AtomicBoolean();
  private final Runnable drain = this::drain;

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
    this.poster = Objects.requireNonNull(poster, "poster == null");
    if (maxTasksPerEvent <= 0) {
      throw new IllegalArgumentException("maxTasksPerEvent must be positive: " + maxTasksPerEvent);
    }
    this.maxTasksPerEvent = maxTasksPerEvent;
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
    Objects.requireNonNull(task, "task == null");
    tasks.add(task);
    if (eventPending.compareAndSet(false, true)) {
      try {
        poster.execute(drain);
      } catch (RuntimeException | Error e) {
        eventPending.set(false); // let the next task try again rather than wait forever
        throw e;
      }
    }
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

  /** One EDT event: runs queued tasks until the queue is empty or the event's share is used. */
  private void drain() {
    boolean emptied = false;
    try {
      emptied = runQueued();
    } finally {
      if (!emptied) {
        // Share used, or a task threw: the rest run in a successor event. eventPending stays
        // true, so no submitter posts meanwhile.
        poster.execute(drain);
      }
    }
  }

  /** Returns true once the queue was found empty (and no event is pending any more). */
  private boolean runQueued() {
    int ran = 0;
    while (ran < maxTasksPerEvent) {
      Runnable task = tasks.poll();
      if (task == null) {
        eventPending.set(false);
        // A submitter may have queued after the poll and seen eventPending still true: take
        // the duty back unless a new event was posted in the meantime.
        if (tasks.isEmpty() || !eventPending.compareAndSet(false, true)) {
          return true;
        }
        continue;
      }
      ran++;
      task.run();
    }
    return false;
  }

  @Override
  public String toString() {
    return "EdtExecutor{queued=" + tasks.size() + "}";
  }
}
