package dev.querycache;

import org.jspecify.annotations.Nullable;

/**
 * The transitions of a query's state. Every change to a {@link QueryState} is one of these,
 * applied by {@link Query#reduce}, so the whole state machine reads in one place.
 */
sealed interface QueryAction<T> {
  /** A fetch starts: fetching, or paused when offline. */
  record FetchStarted<T>(boolean paused) implements QueryAction<T> {}

  /** The fetch in flight waits for the network, or goes on once it is back. */
  record FetchPaused<T>(boolean paused) implements QueryAction<T> {}

  /** An attempt failed and will be retried. */
  record AttemptFailed<T>(int failureCount, Throwable error) implements QueryAction<T> {}

  /** Data lands: from a fetch (which then ends) or written by hand (fetch unaffected). */
  record DataWritten<T>(T data, long at, boolean fromFetch) implements QueryAction<T> {}

  /** The fetch failed for good. */
  record FetchFailed<T>(Throwable error, long at) implements QueryAction<T> {}

  /**
   * The fetch was cancelled: fetch fields go back to what they were before it started, and so
   * do the status and error a fetch on a query without data clears when it starts.
   */
  record FetchCancelled<T>(
      int failureCount,
      @Nullable Throwable failureReason,
      QueryStatus statusBefore,
      @Nullable Throwable errorBefore)
      implements QueryAction<T> {}

  /** Optimistic layers were added, removed or folded: new visible data and layer count. */
  record LayersChanged<T>(@Nullable T visible, int count) implements QueryAction<T> {}

  /** The data is marked invalid. */
  record Invalidated<T>() implements QueryAction<T> {}

  /** Back to the initial state. */
  record Reset<T>() implements QueryAction<T> {}
}
