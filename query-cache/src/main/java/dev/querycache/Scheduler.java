package dev.querycache;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay measured on the client's {@link Ticker}. The client schedules
 * retries after their backoff, stale-time expiry of observer results, and the removal of
 * unobserved queries after their gc time through it; it never sleeps.
 *
 * <p>Implementations must be thread-safe. Tasks are short and must not be run on the thread
 * that calls {@code schedule} before it returns.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Scheduler {
  /**
   * Schedules {@code task} to run once, {@code delay} from now.
   *
   * @param task what to run
   * @param delay how long from now; zero or positive
   * @return a handle whose {@link Future#cancel(boolean)} stops the task if it has not run
   */
  Future<?> schedule(Runnable task, Duration delay);

  /**
   * The system scheduler: one shared daemon thread named {@code query-cache-scheduler}.
   *
   * @return the system scheduler
   */
  static Scheduler system() {
    return SystemScheduler.INSTANCE;
  }
}

/** {@link Scheduler#system()}: one daemon thread shared by every client of the process. */
final class SystemScheduler implements Scheduler {
  static final SystemScheduler INSTANCE = new SystemScheduler();

  private final ScheduledThreadPoolExecutor executor;

  private SystemScheduler() {
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "query-cache-scheduler");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public Future<?> schedule(Runnable task, Duration delay) {
    return executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }
}
