package dev.querycache.collection;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One row's change in a {@link Transaction}, as its collection's handler persists it: what it
 * does, to which row, the row before and after, and which fields changed. Within one
 * transaction, the writes to one row merge into one change. Immutable; equal when its type,
 * key, rows, collection and transaction are.
 *
 * @param <K> the type of the keys
 * @param <R> the type of the rows
 * @since 0.1.0
 */
public final class PendingChange<K, R> {
  private final ChangeType type;
  private final K key;
  private final @Nullable R original;
  private final @Nullable R modified;
  private final QueryCollection<K, R> collection;
  private final Transaction transaction;
  private volatile @Nullable Set<String> changedFields; // worked out when first asked for

  private PendingChange(
      ChangeType type, K key, @Nullable R original, @Nullable R modified, QueryCollection<K, R> collection,
      Transaction transaction) {
    this.type = type;
    this.key = key;
    this.original = original;
    this.modified = modified;
    this.collection = collection;
    this.transaction = transaction;
  }

  /**
   * The change {@code type} makes to the row of {@code key} in {@code collection}.
   *
   * @param type what the change does
   * @param key the row's key
   * @param original the row before; null for an insert
   * @param modified the row after; null for a delete
   * @param collection the row's collection
   * @param transaction the transaction the change is part of
   * @param <K> the type of the keys
   * @param <R> the type of the rows
   * @return the change
   * @throws NullPointerException if {@code type}, {@code key}, {@code collection} or
   *     {@code transaction} is null, or a row the type needs is
   * @throws IllegalArgumentException if a row is given that the type has none of
   */
  public static <K, R> PendingChange<K, R> of(
      ChangeType type, K key, @Nullable R original, @Nullable R modified, QueryCollection<K, R> collection,
      Transaction transaction) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(collection, "collection == null");
    Objects.requireNonNull(transaction, "transaction == null");
    if (type != ChangeType.INSERT) {
      Objects.requireNonNull(original, "original == null (an update or a delete has the row before)");
    } else if (original != null) {
      throw new IllegalArgumentException("an insert has no original row");
    }
    if (type != ChangeType.DELETE) {
      Objects.requireNonNull(modified, "modified == null (an insert or an update has the row after)");
    } else if (modified != null) {
      throw new IllegalArgumentException("a delete has no modified row");
    }
    return new PendingChange<>(type, key, original, modified, collection, transaction);
  }

  /**
   * What the change does to the row.
   *
   * @return the type
   */
  public ChangeType type() {
    return type;
  }

  /**
   * The row's key.
   *
   * @return the key
   */
  public K key() {
    return key;
  }

  /**
   * The row before the change.
   *
   * @return the row, or null for an insert
   */
  public @Nullable R original() {
    return original;
  }

  /**
   * The row after the change.
   *
   * @return the row, or null for a delete
   */
  public @Nullable R modified() {
    return modified;
  }

  /**
   * For an update, the names of the fields whose values differ between the original and the
   * modified row: of a record, its components (by {@code equals}), in declaration order; of a
   * bean, its properties as Jackson reads them (by the values it writes), in the order it
   * writes them. For anything else, or a row that cannot be read, an empty set. Worked out
   * when first asked for, on the calling thread.
   *
   * @return an immutable set
   */
  public Set<String> changedFields() {
    Set<String> fields = changedFields;
    if (fields == null) {
      fields = type == ChangeType.UPDATE ? ChangedFields.between(original, modified) : Set.of();
      changedFields = fields;
    }
    return fields;
  }

  /**
   * The collection of the row.
   *
   * @return the collection
   */
  public QueryCollection<K, R> collection() {
    return collection;
  }

  /**
   * The transaction the change is part of: send its {@linkplain Transaction#writeKey() write
   * key} with the change.
   *
   * @return the transaction
   */
  public Transaction transaction() {
    return transaction;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof PendingChange<?, ?> that
        && type == that.type
        && key.equals(that.key)
        && Objects.equals(original, that.original)
        && Objects.equals(modified, that.modified)
        && collection == that.collection
        && transaction == that.transaction;
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, key, original, modified);
  }

  /** Such as {@code update t1: Todo[id=t1, done=false] -> Todo[id=t1, done=true]}. */
  @Override
  public String toString() {
    return type.name().toLowerCase(java.util.Locale.ROOT) + " " + key + ": " + original + " -> " + modified;
  }
}
