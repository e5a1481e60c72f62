package dev.querycache.internal.ui;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The core of a UI thread's notify executor, whatever the toolkit: queues tasks, and has a
 * <em>poster</em> (Swing's {@code invokeLater}, JavaFX's {@code Platform.runLater}) run one
 * UI event per burst of them. The first task of a burst posts one event, which runs every task
 * queued by the time it runs, including those queued while it runs; after
 * {@code maxTasksPerEvent} tasks it posts a successor for the rest and returns, so that the
 * toolkit's input and paint events get their turn between. A burst of {@code n} tasks costs
 * {@code ceil(n / maxTasksPerEvent)} events.
 *
 * <p>Tasks run in the order they were submitted, never inside {@link #execute}'s caller. A
 * task that throws propagates to the event's caller (the toolkit's uncaught-exception
 * handling); the tasks behind it run in a successor event.
 *
 * <p>Thread-safe: {@link #execute} may be called from any thread. Exported only to the UI
 * modules; their executors (Swing's {@code EdtExecutor}) are the public face of it.
 */
public final class BatchingExecutor implements Executor {
  private final Executor poster;
  private final int maxTasksPerEvent;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  /** True from the post of an event until that event (or its successor) finds the queue empty. */
  private final AtomicBoolean eventPending = new AtomicBoolean();
  private final Runnable drain = this::drain;

  /**
   * An executor that posts its events through {@code poster}.
   *
   * @param poster runs the given event on the UI thread, later
   * @param maxTasksPerEvent how many tasks an event runs before it posts a successor
   * @throws NullPointerException if {@code poster} is null
   * @throws IllegalArgumentException if {@code maxTasksPerEvent} is not positive
   */
  public BatchingExecutor(Executor poster, int maxTasksPerEvent) {
    this.poster = Objects.requireNonNull(poster, "poster == null");
    if (maxTasksPerEvent <= 0) {
      throw new IllegalArgumentException("maxTasksPerEvent must be positive: " + maxTasksPerEvent);
    }
    this.maxTasksPerEvent = maxTasksPerEvent;
  }

  /**
   * Queues {@code task}, posting an event if none is pending.
   *
   * @param task what to run on the UI thread
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
   * How many tasks wait for an event.
   *
   * @return the count now (a moment's view under concurrent submission)
   */
  public int queued() {
    return tasks.size();
  }

  /** One event: runs queued tasks until the queue is empty or the event's share is used. */
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
    return "BatchingExecutor{queued=" + tasks.size() + "}";
  }
}
