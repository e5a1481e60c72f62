package dev.querycache;

import org.jspecify.annotations.Nullable;

/**
 * The state of one cached query at one moment: an immutable snapshot. A query's state is
 * replaced whole on every transition, so a snapshot never changes under its reader.
 *
 * <p>Timestamps are readings of the client's {@link Ticker} (nanoseconds from its origin);
 * they are meaningful only when the matching count is above zero.
 *
 * @param data the data, or {@code null} if the query has none
 * @param dataUpdatedAt when {@code data} was last written (by a fetch or by hand)
 * @param dataUpdateCount how many times data has been written since the query was created
 *     or reset
 * @param error the error of the last failed fetch, or {@code null}; cleared when data is
 *     written
 * @param errorUpdatedAt when {@code error} was last set
 * @param errorUpdateCount how many fetches have failed since the query was created or reset
 * @param fetchFailureCount failed attempts of the current or last fetch (retries included);
 *     zero after a success
 * @param fetchFailureReason the error of the last failed attempt, or {@code null}
 * @param status whether the query has data, an error, or neither
 * @param fetchStatus whether a fetch is running, paused or idle
 * @param isInvalidated whether the data was marked invalid and awaits a refetch
 * @param optimisticLayers how many optimistic patches {@code data} includes that the server
 *     has not confirmed: pending runs', and succeeded runs' whose confirming data has not
 *     landed yet (zero: {@code data} is what the server or a hand-written update last said);
 *     for UIs that show pending changes and for inspectors
 * @param <T> the type of the data
 * @since 0.1.0
 */
public record QueryState<T>(
    @Nullable T data,
    long dataUpdatedAt,
    int dataUpdateCount,
    @Nullable Throwable error,
    long errorUpdatedAt,
    int errorUpdateCount,
    int fetchFailureCount,
    @Nullable Throwable fetchFailureReason,
    QueryStatus status,
    FetchStatus fetchStatus,
    boolean isInvalidated,
    int optimisticLayers) {

  /**
   * Checks the components.
   *
   * @param data see {@link #data()}
   * @param dataUpdatedAt see {@link #dataUpdatedAt()}
   * @param dataUpdateCount see {@link #dataUpdateCount()}
   * @param error see {@link #error()}
   * @param errorUpdatedAt see {@link #errorUpdatedAt()}
   * @param errorUpdateCount see {@link #errorUpdateCount()}
   * @param fetchFailureCount see {@link #fetchFailureCount()}
   * @param fetchFailureReason see {@link #fetchFailureReason()}
   * @param status see {@link #status()}
   * @param fetchStatus see {@link #fetchStatus()}
   * @param isInvalidated see {@link #isInvalidated()}
   * @param optimisticLayers see {@link #optimisticLayers()}
   * @throws NullPointerException if {@code status} or {@code fetchStatus} is null
   * @throws IllegalArgumentException if a count is negative
   */
  public QueryState {
    java.util.Objects.requireNonNull(status, "status == null");
    java.util.Objects.requireNonNull(fetchStatus, "fetchStatus == null");
    if (dataUpdateCount < 0 || errorUpdateCount < 0 || fetchFailureCount < 0 || optimisticLayers < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  private static final QueryState<?> INITIAL =
      new QueryState<>(
          null, 0, 0, null, 0, 0, 0, null, QueryStatus.PENDING, FetchStatus.IDLE, false, 0);

  /**
   * The state of a query that has never been fetched nor written.
   *
   * @param <T> the type of the data
   * @return the initial state: pending, idle, no data, no error
   */
  @SuppressWarnings("unchecked") // holds no data, so it is a state of every type
  public static <T> QueryState<T> initial() {
    return (QueryState<T>) INITIAL;
  }

  /**
   * Whether a fetch is running (or waiting for a retry), as opposed to paused or idle.
   *
   * @return {@code fetchStatus() == FETCHING}
   */
  public boolean isFetching() {
    return fetchStatus == FetchStatus.FETCHING;
  }
}
