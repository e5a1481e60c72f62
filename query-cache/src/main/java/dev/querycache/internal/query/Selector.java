package dev.querycache.internal.query;

import dev.querycache.QueryResult;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.internal.layer.StructuralSharing;
import dev.querycache.internal.runtime.Callbacks;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An observer's {@code select}: the projection of the query's data it shows, with the memo
 * that runs the function once per piece of data. What it gives replaces the data in the
 * observer's result; the query's own state is never touched.
 *
 * <ul>
 *   <li>The function runs only when the data it saw last, or the function, changed (by
 *       identity: the cache keeps the reference of data that did not change).
 *   <li>What it gives is structurally shared with what it gave before, when the options
 *       share structure: an equal projection keeps the old reference.
 *   <li>A function that throws, or gives {@code null}, makes the result an error holding
 *       that failure (a {@link NullPointerException} for {@code null}), with the last
 *       projection it gave as the data; the next data runs it again.
 *   <li>No data (pending): nothing to project, the function does not run.
 * </ul>
 *
 * <p>Deliveries (serialised by the observer's channel) remember; a reading of the result on
 * another thread uses the memo when it fits and computes without remembering when not.
 *
 * @param <T> the type of the query's data
 */
final class Selector<T> {
  private final Function<? super T, ?> function;
  /** The last outcome: the data it was computed from and what the function gave or threw. */
  private volatile @Nullable Outcome memo;
  /** The last projection the function gave without failing; kept across a change of function. */
  private volatile @Nullable Object lastGood;

  private record Outcome(Object source, @Nullable Object selected, @Nullable Throwable failure) {}

  Selector(Function<? super T, ?> function, @Nullable Selector<?> previous) {
    this.function = function;
    this.lastGood = previous == null ? null : previous.lastGood;
  }

  /**
   * {@code source} with its data projected.
   *
   * @param share whether to keep the previous projection's references where equal
   * @param now the ticker reading, for the time of a failure
   * @param remember whether to keep the outcome (a delivery's)
   */
  QueryResult<?> apply(QueryResult<T> source, boolean share, long now, boolean remember) {
    QueryState<T> state = source.state();
    T data = state.data();
    if (data == null) {
      return new QueryResult<>(source.key(), retyped(state, null), source.isStale(), source.isPlaceholderData());
    }
    Outcome outcome = memo;
    if (outcome == null || outcome.source != data) {
      outcome = compute(data, share);
      if (remember) {
        memo = outcome;
        if (outcome.failure == null) {
          lastGood = outcome.selected;
        }
      }
    }
    if (outcome.failure == null) {
      return new QueryResult<>(
          source.key(), retyped(state, outcome.selected), source.isStale(), source.isPlaceholderData());
    }
    QueryState<Object> failed = new QueryState<>(lastGood, state.dataUpdatedAt(), state.dataUpdateCount(),
        outcome.failure, now, state.errorUpdateCount(), state.fetchFailureCount(), state.fetchFailureReason(),
        QueryStatus.ERROR, state.fetchStatus(), state.isInvalidated(), state.optimisticLayers());
    return new QueryResult<>(source.key(), failed, source.isStale(), source.isPlaceholderData());
  }

  /**
   * The projection of {@code data}, for a refetch's future: the memo's if it fits, else the
   * function's (not remembered).
   *
   * @throws NullPointerException if the function gives null
   */
  Object project(T data) {
    Outcome outcome = memo;
    Object selected = outcome != null && outcome.source == data ? outcome.selected : null;
    if (selected != null) {
      return selected;
    }
    selected = function.apply(data);
    if (selected == null) {
      throw gaveNull(data);
    }
    return selected;
  }

  private Outcome compute(T data, boolean share) {
    Object[] given = new Object[1];
    Throwable failure = Callbacks.capture(() -> given[0] = function.apply(data));
    if (failure == null && given[0] == null) {
      failure = gaveNull(data);
    }
    if (failure != null) {
      return new Outcome(data, null, failure);
    }
    Object selected = share ? StructuralSharing.share(lastGood, given[0]) : given[0];
    return new Outcome(data, selected, null);
  }

  private static NullPointerException gaveNull(Object data) {
    return new NullPointerException("the select function gave null for " + data.getClass().getSimpleName()
        + " data; give an empty value (an empty list, Optional.empty()) instead");
  }

  /** {@code state} holding {@code data} in place of its own. */
  private static QueryState<Object> retyped(QueryState<?> state, @Nullable Object data) {
    return new QueryState<>(data, state.dataUpdatedAt(), state.dataUpdateCount(), state.error(),
        state.errorUpdatedAt(), state.errorUpdateCount(), state.fetchFailureCount(), state.fetchFailureReason(),
        state.status(), state.fetchStatus(), state.isInvalidated(), state.optimisticLayers());
  }

  /** The function, to tell whether new options bring another one. */
  Function<? super T, ?> function() {
    return function;
  }
}
