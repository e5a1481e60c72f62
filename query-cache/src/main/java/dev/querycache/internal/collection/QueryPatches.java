package dev.querycache.internal.collection;

import dev.querycache.QueryKey;
import dev.querycache.internal.layer.LayerOwner;
import dev.querycache.internal.query.OwnerLayers;
import dev.querycache.internal.query.QueryEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A transaction's changes to plain queries ({@code write.updateQueryData(key, patch)}): each
 * query's patches composed into one, painted as one layer per query that is replaced as the
 * query is patched again, and that succeeds, leaves or settles with the transaction. A
 * transaction makes it at its first query patch; most never do.
 *
 * <p>Not thread-safe: its transaction's monitor guards every call but the outcome's
 * ({@link #succeeded}, {@link #remove}, {@link #settle}), which come after the transaction
 * ended and takes no more writes.
 */
final class QueryPatches {
  private final OwnerLayers layers;
  private final Map<QueryKey<?>, UnaryOperator<Object>> patches = new LinkedHashMap<>(2);
  private long calls;

  /** Patches painted as {@code owner}'s layers, in its start order {@code order}. */
  QueryPatches(QueryEngine queries, LayerOwner owner, long order) {
    this.layers = new OwnerLayers(queries, owner, order, true);
  }

  /** {@code patch} after the query's earlier patches, painted in place of them. */
  <T> void patch(QueryKey<T> key, UnaryOperator<T> patch) {
    UnaryOperator<Object> earlier = patches.get(key);
    @SuppressWarnings("unchecked") // the query's patches are of its data type
    UnaryOperator<Object> next = earlier == null
        ? data -> patch.apply((T) data)
        : data -> patch.apply((T) earlier.apply(data));
    @SuppressWarnings("unchecked")
    UnaryOperator<T> typed = data -> (T) next.apply(data);
    layers.patch(key, typed, false, ++calls);
    patches.put(key, next);
  }

  /** The queries patched, in the order first patched: a live view. */
  Set<QueryKey<?>> keys() {
    return patches.keySet();
  }

  void succeeded(long sequence) {
    layers.succeeded(sequence);
  }

  void remove() {
    layers.remove();
  }

  void settle() {
    layers.settle();
  }
}
