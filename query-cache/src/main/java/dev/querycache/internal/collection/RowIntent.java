package dev.querycache.internal.collection;

import dev.querycache.collection.ChangeType;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One row's merged change in one transaction, and the intent it paints. The writes to a row
 * merge one at a time, as TanStack DB merges them: an insert then an update is an insert of
 * the updated row; an insert then a delete is nothing; updates merge; an update then a delete
 * is a delete; a delete then an insert is an update, or nothing if the row is the same. A
 * merge costs the same however many writes the transaction holds. Immutable.
 *
 * <p>Its intent keeps the transaction's updates as functions, so that while they are pending
 * they are applied again over newer server data: the server's other fields stand.
 *
 * @param <R> the type of the rows
 */
final class RowIntent<R> {
  final ChangeType type;
  /** The row before the transaction's first write to it; null for an insert. */
  final @Nullable R original;
  /** The row after its last write, by this transaction's writes alone; null for a delete. */
  final @Nullable R modified;
  /** Its updates since the insert or the first update, composed; null if it has none, or was replaced whole. */
  private final @Nullable UnaryOperator<R> updates;

  private RowIntent(ChangeType type, @Nullable R original, @Nullable R modified, @Nullable UnaryOperator<R> updates) {
    this.type = type;
    this.original = original;
    this.modified = modified;
    this.updates = updates;
  }

  static <R> RowIntent<R> inserted(R row) {
    return new RowIntent<>(ChangeType.INSERT, null, row, null);
  }

  /** The first write to {@code current}: {@code update}, which made {@code modified} of it. */
  static <R> RowIntent<R> updated(R current, R modified, UnaryOperator<R> update) {
    return new RowIntent<>(ChangeType.UPDATE, current, modified, update);
  }

  static <R> RowIntent<R> deleted(R current) {
    return new RowIntent<>(ChangeType.DELETE, current, null, null);
  }

  /**
   * This change, then {@code update}, which made {@code modified} of this change's row: an
   * insert stays an insert, an update stays an update. Only for a change whose row shows.
   */
  RowIntent<R> thenUpdate(R modified, UnaryOperator<R> update) {
    UnaryOperator<R> earlier = updates;
    UnaryOperator<R> composed = earlier == null ? update : row -> update.apply(earlier.apply(row));
    return new RowIntent<>(type, original, modified, composed);
  }

  /** This change, then a delete: nothing left after an insert, else a delete of the original row. */
  @Nullable RowIntent<R> thenDelete() {
    return type == ChangeType.INSERT ? null : new RowIntent<>(ChangeType.DELETE, original, null, null);
  }

  /**
   * This change (a delete), then an insert of {@code row}: nothing if it is the original row
   * again, else an update to it.
   */
  @Nullable RowIntent<R> thenInsert(R row) {
    return row.equals(original) ? null : new RowIntent<>(ChangeType.UPDATE, original, row, null);
  }

  /** Whether the intent ignores the row it is applied to. */
  boolean constant() {
    return type == ChangeType.DELETE || (type == ChangeType.UPDATE && updates == null);
  }

  /** The intent: this change applied to a row, or to the store's marker for none. */
  @SuppressWarnings("unchecked") // the store's rows are R, or its marker
  UnaryOperator<Object> patch() {
    R before = original;
    R after = modified;
    UnaryOperator<R> again = updates;
    switch (type) {
      case INSERT:
        return row -> RowStore.isAbsent(row) ? after : again == null ? row : again.apply((R) row);
      case DELETE:
        return row -> RowStore.absent();
      default:
        if (again == null) {
          return row -> after; // a delete then an insert: the row given, whatever is below
        }
        return row -> row == before ? after : RowStore.isAbsent(row) ? row : again.apply((R) row);
    }
  }
}
