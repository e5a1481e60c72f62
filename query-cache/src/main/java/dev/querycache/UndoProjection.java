package dev.querycache;

import org.jspecify.annotations.Nullable;

/**
 * How an undo changes one query's data optimistically: like a {@link Projection}, with the
 * data as it was before the original mutation patched it, for putting rows back.
 *
 * @param <T> the type of the query's data
 * @param <V> the original mutation's variables
 * @since 0.1.0
 */
@FunctionalInterface
public interface UndoProjection<T, V> {
  /**
   * Patches the data to show the write undone.
   *
   * @param current the data now (never null)
   * @param before the data before the original mutation patched it, or null if there was none
   * @param variables the original mutation's variables
   * @return the patched data, never null
   */
  T apply(T current, @Nullable T before, V variables);
}
