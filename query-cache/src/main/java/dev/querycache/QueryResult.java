package dev.querycache;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an observer sees of its query at one moment: the query's {@link QueryState} plus the
 * observer's judgement of staleness (by its own stale time). While the query has no data and
 * its options give placeholder data, the state shows the placeholder as its data, with a
 * success status, and {@link #isPlaceholderData()} says so; the cache never holds it.
 * An observer with a select function shows its projection of the data instead of the data
 * (see {@link QueryClient#observe(QueryOptions, java.util.function.Function, Consumer)}).
 * Immutable.
 *
 * @param key the observed key; its data type is {@code T}, unless the observer selects (then
 *     {@code T} is the type of the projection)
 * @param state the query's state, or with a placeholder as described above
 * @param isStale whether the data is stale for this observer: missing, invalidated, or older
 *     than the observer's stale time
 * @param isPlaceholderData whether the data is a placeholder, not the query's
 * @param <T> the type of the data
 * @since 0.1.0
 */
public record QueryResult<T>(QueryKey<?> key, QueryState<T> state, boolean isStale, boolean isPlaceholderData) {
  /**
   * Checks the components.
   *
   * @param key see {@link #key()}
   * @param state see {@link #state()}
   * @param isStale see {@link #isStale()}
   * @param isPlaceholderData see {@link #isPlaceholderData()}
   * @throws NullPointerException if {@code key} or {@code state} is null
   */
  public QueryResult {
    java.util.Objects.requireNonNull(key, "key == null");
    java.util.Objects.requireNonNull(state, "state == null");
  }

  /**
   * A result of the query's own state, without a placeholder.
   *
   * @param key see {@link #key()}
   * @param state see {@link #state()}
   * @param isStale see {@link #isStale()}
   * @throws NullPointerException if {@code key} or {@code state} is null
   */
  public QueryResult(QueryKey<?> key, QueryState<T> state, boolean isStale) {
    this(key, state, isStale, false);
  }

  /**
   * The data, or {@code null} if there is none yet.
   *
   * @return the data
   */
  public @Nullable T data() {
    return state.data();
  }

  /**
   * The data, if any.
   *
   * @return the data, or empty while there is none
   */
  public Optional<T> dataIfPresent() {
    return Optional.ofNullable(state.data());
  }

  /**
   * The error of the last failed fetch, or {@code null}.
   *
   * @return the error
   */
  public @Nullable Throwable error() {
    return state.error();
  }

  /**
   * Whether the query has data, an error, or neither.
   *
   * @return the status
   */
  public QueryStatus status() {
    return state.status();
  }

  /**
   * Whether a fetch runs, is paused, or neither.
   *
   * @return the fetch status
   */
  public FetchStatus fetchStatus() {
    return state.fetchStatus();
  }

  /**
   * No data yet.
   *
   * @return {@code status() == PENDING}
   */
  public boolean isPending() {
    return state.status() == QueryStatus.PENDING;
  }

  /**
   * Data present, last fetch (if any) succeeded.
   *
   * @return {@code status() == SUCCESS}
   */
  public boolean isSuccess() {
    return state.status() == QueryStatus.SUCCESS;
  }

  /**
   * The last fetch failed.
   *
   * @return {@code status() == ERROR}
   */
  public boolean isError() {
    return state.status() == QueryStatus.ERROR;
  }

  /**
   * A fetch is running (the first one or a refetch).
   *
   * @return {@code fetchStatus() == FETCHING}
   */
  public boolean isFetching() {
    return state.fetchStatus() == FetchStatus.FETCHING;
  }

  /**
   * The first fetch is running: no data yet and fetching. Show a spinner.
   *
   * @return {@code isPending() && isFetching()}
   */
  public boolean isLoading() {
    return isPending() && isFetching();
  }

  /**
   * A refetch runs while data is shown.
   *
   * @return {@code isFetching() && !isPending()}
   */
  public boolean isRefetching() {
    return isFetching() && !isPending();
  }

  /**
   * A fetch waits for the network.
   *
   * @return {@code fetchStatus() == PAUSED}
   */
  public boolean isPaused() {
    return state.fetchStatus() == FetchStatus.PAUSED;
  }

  /**
   * When the data was last written, on the client's {@link Ticker}; meaningful only when
   * there is data.
   *
   * @return the ticker reading
   */
  public long dataUpdatedAt() {
    return state.dataUpdatedAt();
  }

  /**
   * When the error was last set, on the client's {@link Ticker}; meaningful only when there
   * is an error.
   *
   * @return the ticker reading
   */
  public long errorUpdatedAt() {
    return state.errorUpdatedAt();
  }

  /**
   * Failed attempts of the current or last fetch.
   *
   * @return the failure count
   */
  public int failureCount() {
    return state.fetchFailureCount();
  }

  /**
   * The last failed attempt's error, or {@code null}.
   *
   * @return the failure reason
   */
  public @Nullable Throwable failureReason() {
    return state.fetchFailureReason();
  }
}
