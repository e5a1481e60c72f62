package dev.querycache.internal.query;

import dev.querycache.FetchStatus;
import dev.querycache.QueryEvent;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.internal.layer.StructuralSharing;
import org.jspecify.annotations.Nullable;

/**
 * The transitions of a query's state, and the reducer: every change to a {@link QueryState}
 * is one of these actions, and each action says, in {@link #reduce}, what state follows from
 * which. The whole state machine of a query reads in this file; the compiler sees that every
 * action has its rule (a new action must implement {@code reduce}).
 */
public sealed interface QueryAction<T> {
  /**
   * The state after this action. Pure.
   *
   * @param s the state before
   * @param share whether landing data is structurally shared with the data before
   */
  QueryState<T> reduce(QueryState<T> s, boolean share);

  /** What the client's event stream calls this transition. */
  QueryEvent.Kind kind();

  /** Who caused it, where the cache knows (see {@link QueryEvent#by()}); null by default. */
  default @Nullable String by() {
    return null;
  }

  /** A fetch starts: fetching, or paused when offline. */
  record FetchStarted<T>(boolean paused) implements QueryAction<T> {
    @Override
    public QueryEvent.Kind kind() {
      return QueryEvent.Kind.FETCH_STARTED;
    }

    @Override
    public QueryState<T> reduce(QueryState<T> s, boolean share) {
      Draft<T> next = new Draft<>(s);
      if (s.data() == null) { // a first load, or after an error: pending, the error cleared
        next.error = null;
        next.status = QueryStatus.PENDING;
      }
      next.fetchFailureCount = 0;
      next.fetchFailureReason = null;
      next.fetchStatus = paused ? FetchStatus.PAUSED : FetchStatus.FETCHING;
      return next.build();
    }
  }

  /** The fetch in flight waits for the network, or goes on once it is back. */
  record FetchPaused<T>(boolean paused) implements QueryAction<T> {
    @Override
    public QueryEvent.Kind kind() {
      return paused ? QueryEvent.Kind.FETCH_PAUSED : QueryEvent.Kind.FETCH_RESUMED;
    }

    @Override
    public QueryState<T> reduce(QueryState<T> s, boolean share) {
      FetchStatus status = paused ? FetchStatus.PAUSED : FetchStatus.FETCHING;
      if (status == s.fetchStatus()) {
        return s; // already so: the same instance
      }
      Draft<T> next = new Draft<>(s);
      next.fetchStatus = status;
      return next.build();
    }
  }

  /** An attempt failed and will be retried. */
  record AttemptFailed<T>(int failureCount, Throwable error) implements QueryAction<T> {
    @Override
    public QueryEvent.Kind kind() {
      return QueryEvent.Kind.ATTEMPT_FAILED;
    }

    @Override
    public QueryState<T> reduce(QueryState<T> s, boolean share) {
      Draft<T> next = new Draft<>(s);
      next.fetchFailureCount = failureCount;
      next.fetchFailureReason = error;
      return next.build();
    }
  }

  /** Data lands: from a fetch (which then ends) or written by hand (fetch unaffected). */
  record DataWritten<T>(T data, long at, boolean fromFetch) implements QueryAction<T> {
    @Override
    public QueryEvent.Kind kind() {
      return fromFetch ? QueryEvent.Kind.FETCHED : QueryEvent.Kind.SET;
    }

    @Override
    public QueryState<T> reduce(QueryState<T> s, boolean share) {
      Draft<T> next = new Draft<>(s);
      next.data = share ? StructuralSharing.share(s.data(), data) : data;
      next.dataUpdatedAt = at;
      next.dataUpdateCount = s.dataUpdateCount() + 1;
      next.error = null;
      next.status = QueryStatus.SUCCESS;
      next.isInvalidated = false;
      if (fromFetch) {
        next.fetchFailureCount = 0;
        next.fetchFailureReason = null;
        next.fetchStatus = FetchStatus.IDLE;
      }
      return next.build();
    }
  }

  /** The fetch failed for good. */
  record FetchFailed<T>(Throwable error, long at) implements QueryAction<T> {
    @Override
    public QueryEvent.Kind kind() {
      return QueryEvent.Kind.FETCH_FAILED;
    }

    @Override
    public QueryState<T> reduce(QueryState<T> s, boolean share) {
      Draft<T> next = new Draft<>(s);
      next.error = error;
      next.errorUpdatedAt = at;
      next.errorUpdateCount = s.errorUpdateCount() + 1;
      next.fetchFailureCount = s.fetchFailureCount() + 1;
      next.fetchFailureReason = error;
      next.status = QueryStatus.ERROR;
      next.fetchStatus = FetchStatus.IDLE;
      return next.build();
    }
  }

  /**
   * The fetch was cancelled: fetch fields go back to what they were before it started, and so
   * do the status and error a fetch on a query without data clears when it starts.
   */
  record FetchCancelled<T>(
      int failureCount,
      @Nullable Throwable failureReason,
      QueryStatus statusBefore,
      @Nullable Throwable errorBefore)
      implements QueryAction<T> {
    @Override
    public QueryEvent.Kind kind() {
      return QueryEvent.Kind.FETCH_CANCELLED;
    }

    @Override
    public QueryState<T> reduce(QueryState<T> s, boolean share) {
      Draft<T> next = new Draft<>(s);
      if (s.data() == null) { // the start cleared status and error: put them back
        next.error = errorBefore;
        next.status = statusBefore;
      }
      next.fetchFailureCount = failureCount;
      next.fetchFailureReason = failureReason;
      next.fetchStatus = FetchStatus.IDLE;
      return next.build();
    }
  }

  /**
   * Optimistic layers were added, removed or folded: new visible data and layer count;
   * {@code kind} says which, {@code by} names the mutation run when one did it.
   */
  record LayersChanged<T>(@Nullable T visible, int count, QueryEvent.Kind kind, @Nullable String by)
      implements QueryAction<T> {
    @Override
    public QueryState<T> reduce(QueryState<T> s, boolean share) {
      // Patched data derives from the data before, so equality is all there is to share.
      T data = share && visible != null ? StructuralSharing.keepIfEqual(s.data(), visible) : visible;
      if (data == s.data() && count == s.optimisticLayers()) {
        return s;
      }
      Draft<T> next = new Draft<>(s);
      next.data = data;
      next.optimisticLayers = count;
      // A value patched over a query that never had data shows as success while it lasts.
      if (data != null && s.status() == QueryStatus.PENDING) {
        next.status = QueryStatus.SUCCESS;
      } else if (data == null && s.status() == QueryStatus.SUCCESS && s.dataUpdateCount() == 0) {
        next.status = QueryStatus.PENDING;
      }
      return next.build();
    }
  }

  /** The data is marked invalid. */
  record Invalidated<T>() implements QueryAction<T> {
    @Override
    public QueryEvent.Kind kind() {
      return QueryEvent.Kind.INVALIDATED;
    }

    @Override
    public QueryState<T> reduce(QueryState<T> s, boolean share) {
      if (s.isInvalidated()) {
        return s;
      }
      Draft<T> next = new Draft<>(s);
      next.isInvalidated = true;
      return next.build();
    }
  }

  /** Back to the initial state. */
  record Reset<T>(QueryState<T> initial) implements QueryAction<T> {
    @Override
    public QueryEvent.Kind kind() {
      return QueryEvent.Kind.RESET;
    }

    @Override
    public QueryState<T> reduce(QueryState<T> s, boolean share) {
      return initial;
    }
  }

  /** A tool put {@code shown} in place, as it is: a devtools simulation, or its undoing. */
  record Forced<T>(QueryState<T> shown) implements QueryAction<T> {
    @Override
    public QueryEvent.Kind kind() {
      return QueryEvent.Kind.SIMULATED;
    }

    @Override
    public QueryState<T> reduce(QueryState<T> s, boolean share) {
      return shown;
    }
  }

  /**
   * A state being derived from another: starts as a copy, each rule sets what it changes,
   * {@link #build()} makes the immutable state (whose constructor checks it).
   */
  final class Draft<T> {
    @Nullable T data;
    long dataUpdatedAt;
    int dataUpdateCount;
    @Nullable Throwable error;
    long errorUpdatedAt;
    int errorUpdateCount;
    int fetchFailureCount;
    @Nullable Throwable fetchFailureReason;
    QueryStatus status;
    FetchStatus fetchStatus;
    boolean isInvalidated;
    int optimisticLayers;

    Draft(QueryState<T> from) {
      data = from.data();
      dataUpdatedAt = from.dataUpdatedAt();
      dataUpdateCount = from.dataUpdateCount();
      error = from.error();
      errorUpdatedAt = from.errorUpdatedAt();
      errorUpdateCount = from.errorUpdateCount();
      fetchFailureCount = from.fetchFailureCount();
      fetchFailureReason = from.fetchFailureReason();
      status = from.status();
      fetchStatus = from.fetchStatus();
      isInvalidated = from.isInvalidated();
      optimisticLayers = from.optimisticLayers();
    }

    QueryState<T> build() {
      return new QueryState<>(
          data, dataUpdatedAt, dataUpdateCount, error, errorUpdatedAt, errorUpdateCount,
          fetchFailureCount, fetchFailureReason, status, fetchStatus, isInvalidated, optimisticLayers);
    }
  }
}
