package dev.querycache;

import java.time.Duration;
import java.util.concurrent.Future;

/**
 * Runs a task after a delay measured on the client's {@link Ticker}. The client schedules
 * retries after their backoff, stale-time expiry of observer results, and the removal of
 * unobserved queries after their gc time through it; it never sleeps.
 *
 * <p>Implementations must be thread-safe. Tasks are short and must not be run on the thread
 * that calls {@code schedule} before it returns.
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
