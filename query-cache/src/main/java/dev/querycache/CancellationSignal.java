package dev.querycache;

import java.util.concurrent.CancellationException;

/**
 * Tells a running query function that its fetch was cancelled (by
 * {@link QueryClient#cancelQueries(QueryFilter)}, by a newer fetch replacing it, or by the
 * query's removal). Poll it, throw on it, or register a callback. Thread-safe.
 *
 * @since 0.1.0
 */
public interface CancellationSignal {
  /**
   * Whether the fetch was cancelled.
   *
   * @return {@code true} once cancelled; never goes back to {@code false}
   */
  boolean isCancelled();

  /**
   * Throws if the fetch was cancelled: a convenient check between steps of a long fetch.
   *
   * @throws CancellationException if cancelled
   */
  default void throwIfCancelled() {
    if (isCancelled()) {
      throw new CancellationException("the fetch was cancelled");
    }
  }

  /**
   * Runs {@code callback} once when the fetch is cancelled, on the cancelling thread; at once,
   * on this thread, if it already was; always after the cancelling transition, outside the
   * library's locks, so it may call back into the client. A callback that throws anything is
   * logged and ignored, and the other callbacks still run.
   *
   * @param callback what to run, such as aborting an HTTP request
   * @throws NullPointerException if {@code callback} is null
   */
  void onCancel(Runnable callback);
}
