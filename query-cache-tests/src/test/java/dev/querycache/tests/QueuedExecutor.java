package dev.querycache.tests;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * An executor that runs nothing until the test drains it with {@link #runAll()}; used as a
 * notify executor to hold deliveries and count them. Not the kit's {@code VirtualTime.executor()}:
 * that one shares its queue with every timer of the clock (the cache's retention among them),
 * so it cannot tell how many deliveries alone are waiting.
 */
final class QueuedExecutor implements Executor {
  private final Queue<Runnable> tasks = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable task) {
    tasks.add(task);
  }

  /** How many tasks are queued. */
  synchronized int size() {
    return tasks.size();
  }

  /** Runs the queued tasks (and any they queue) on this thread, in submission order. */
  void runAll() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = tasks.poll();
      }
      if (next == null) {
        return;
      }
      next.run();
    }
  }
}
