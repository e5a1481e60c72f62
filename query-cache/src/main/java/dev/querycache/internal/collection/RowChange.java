package dev.querycache.internal.collection;

import org.jspecify.annotations.Nullable;

/**
 * How one row looked before and after a change of its collection: {@code before} null for a
 * row that appeared, {@code after} null for a row that went. Never both null, never equal.
 *
 * @param key the row's key
 * @param before the row shown before, or null if there was none
 * @param after the row shown after, or null if there is none
 * @param <K> the type of the keys
 * @param <R> the type of the rows
 */
public record RowChange<K, R>(K key, @Nullable R before, @Nullable R after) {
  /** Whether the row appeared. */
  public boolean isInsert() {
    return before == null;
  }

  /** Whether the row went. */
  public boolean isDelete() {
    return after == null;
  }
}
