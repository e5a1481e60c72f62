package dev.querycache.collection;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one row of a {@link QueryCollection} looked before and after a change of what the
 * collection shows: {@code before} null for a row that appeared, {@code after} null for a row
 * that went; never both null, never equal. A table shows it as one row inserted, updated or
 * removed.
 *
 * @param key the row's key
 * @param before the row shown before, or null if there was none
 * @param after the row shown after, or null if there is none
 * @param <K> the type of the keys
 * @param <R> the type of the rows
 * @since 0.1.0
 */
public record RowChange<K, R>(K key, @Nullable R before, @Nullable R after) {
  /**
   * Checks the change.
   *
   * @param key the row's key
   * @param before the row shown before, or null if there was none
   * @param after the row shown after, or null if there is none
   * @throws NullPointerException if {@code key} is null, or both rows are
   */
  public RowChange {
    Objects.requireNonNull(key, "key == null");
    if (before == null && after == null) {
      throw new NullPointerException("before and after are both null: a change has a row on one side at least");
    }
  }

  /**
   * Whether the row appeared.
   *
   * @return true if there was no row before
   */
  public boolean isInsert() {
    return before == null;
  }

  /**
   * Whether the row went.
   *
   * @return true if there is no row after
   */
  public boolean isDelete() {
    return after == null;
  }
}
