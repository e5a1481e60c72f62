package dev.querycache.internal.query;

import dev.querycache.QueryState;
import dev.querycache.internal.layer.OptimisticLayer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a hand-written update of a query starts ({@link Query#writeBase()}): the data to
 * update, and the state and layers it was read from, so that the write can tell whether the
 * query changed meanwhile and run its updater again.
 *
 * @param data the confirmed data with the succeeded runs' changes, or null if none
 * @param state the query's state when it was read
 * @param layers the query's layers when it was read (a new list per change: a version stamp)
 * @param <T> the type of the data
 */
record WriteBase<T>(@Nullable T data, QueryState<T> state, List<OptimisticLayer<T>> layers) {}
