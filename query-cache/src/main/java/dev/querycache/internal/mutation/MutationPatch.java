package dev.querycache.internal.mutation;

import dev.querycache.Projection;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.UndoProjection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One declared optimistic patch of a mutation: which queries (one key, or every cached query
 * a filter selects when the run starts) and how, plus how to undo it optimistically.
 */
public final class MutationPatch<T, V> {
  final @Nullable QueryKey<T> key;
  final @Nullable QueryFilter filter;
  final Projection<T, V> projection;
  final @Nullable UndoProjection<T, V> undo;

  public MutationPatch(
      @Nullable QueryKey<T> key,
      @Nullable QueryFilter filter,
      Projection<T, V> projection,
      @Nullable UndoProjection<T, V> undo) {
    this.key = key;
    this.filter = filter;
    this.projection = projection;
    this.undo = undo;
  }

  public MutationPatch<T, V> withUndo(UndoProjection<T, V> nextUndo) {
    return new MutationPatch<>(key, filter, projection, nextUndo);
  }

  /** The keys this patch covers now. */
  @SuppressWarnings("unchecked") // a filter patch's caller vouches for the selected types
  List<QueryKey<T>> keys(MutationEngine engine) {
    if (key != null) {
      return List.of(key);
    }
    return engine.queries.cache.findAll(java.util.Objects.requireNonNull(filter)).stream()
        .map(query -> (QueryKey<T>) query.key)
        .collect(java.util.stream.Collectors.toUnmodifiableList());
  }

  /** What to invalidate when the run settles. */
  QueryFilter settleFilter() {
    return key != null ? QueryFilter.exact(key) : java.util.Objects.requireNonNull(filter);
  }
}
