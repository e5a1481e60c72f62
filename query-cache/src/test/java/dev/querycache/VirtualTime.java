package dev.querycache;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Virtual time for tests: a {@link Ticker} and a {@link Scheduler} that move only when the
 * test says so. {@link #advance(Duration)} runs every task that falls due, in time order,
 * with the clock set to each task's due time.
 */
final class VirtualTime implements Ticker, Scheduler {
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private long now;
  private long sequence;

  @Override
  public synchronized long read() {
    return now;
  }

  @Override
  public synchronized Future<?> schedule(Runnable task, Duration delay) {
    Task scheduled = new Task(task, now + Math.max(0, delay.toNanos()), sequence++);
    tasks.add(scheduled);
    return scheduled;
  }

  /** Moves the clock forward by {@code amount}, running what falls due on this thread. */
  void advance(Duration amount) {
    long target;
    synchronized (this) {
      target = now + amount.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due > target) {
          now = target;
          return;
        }
        tasks.poll();
        now = Math.max(now, next.due);
      }
      next.runIfLive();
    }
  }

  /** Runs what is due now without moving the clock. */
  void runDue() {
    advance(Duration.ZERO);
  }

  synchronized int pendingTasks() {
    return (int) tasks.stream().filter(task -> !task.isCancelled()).count();
  }

  QueryClientBuilder clientBuilder() {
    return QueryClient.builder().ticker(this).scheduler(this).fetchExecutor(Runnable::run);
  }

  private static final class Task implements Future<Object>, Comparable<Task> {
    private final Runnable body;
    private final long due;
    private final long order;
    private volatile boolean cancelled;
    private volatile boolean done;

    Task(Runnable body, long due, long order) {
      this.body = body;
      this.due = due;
      this.order = order;
    }

    void runIfLive() {
      if (!cancelled) {
        done = true;
        body.run();
      }
    }

    @Override
    public int compareTo(Task other) {
      return due != other.due ? Long.compare(due, other.due) : Long.compare(order, other.order);
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      if (done) {
        return false;
      }
      cancelled = true;
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return done || cancelled;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }
}
