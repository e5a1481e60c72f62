package dev.querycache.internal.collection;

import dev.querycache.collection.ChangeType;
import dev.querycache.internal.layer.RecordShape;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One row's merged change in one transaction, and the intent it paints. The writes to a row
 * merge one at a time, as TanStack DB merges them: an insert then an update is an insert of
 * the updated row; an insert then a delete is nothing; updates merge; an update then a delete
 * is a delete; a delete then an insert is an update, or nothing if the row is the same. A
 * merge costs the same however many writes the transaction holds. Immutable.
 *
 * <p>While its updates are pending, newer server data may land under them (a refetch, a push,
 * the handler's own write-back), and may or may not include them already. The intent then
 * re-projects the updates as values, not as functions: for a record, the components its
 * updates changed, with the values they gave them, over the newer row; the server's other
 * components stand. So an update that depends on the row ({@code done -> !done}) is never
 * applied twice, whatever the server sent. A row that is not a record (or one this module
 * may not read) has no components to go by: its composed updates are applied again as
 * functions, which is right for updates that set values ({@code withDone(true)}).
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
  /** The row its updates started from (the original, or the row inserted); null when {@code updates} is. */
  private final @Nullable R updatedFrom;
  /** The components its updates changed, once worked out; {@link #UNKNOWN} until then. */
  private volatile long changedComponents = UNKNOWN;

  private static final long UNKNOWN = -1L; // no mask of at most 63 components has every bit

  private RowIntent(
      ChangeType type, @Nullable R original, @Nullable R modified, @Nullable UnaryOperator<R> updates,
      @Nullable R updatedFrom) {
    this.type = type;
    this.original = original;
    this.modified = modified;
    this.updates = updates;
    this.updatedFrom = updatedFrom;
  }

  static <R> RowIntent<R> inserted(R row) {
    return new RowIntent<>(ChangeType.INSERT, null, row, null, null);
  }

  /** The first write to {@code current}: {@code update}, which made {@code modified} of it. */
  static <R> RowIntent<R> updated(R current, R modified, UnaryOperator<R> update) {
    return new RowIntent<>(ChangeType.UPDATE, current, modified, update, current);
  }

  static <R> RowIntent<R> deleted(R current) {
    return new RowIntent<>(ChangeType.DELETE, current, null, null, null);
  }

  /**
   * This change, then {@code update}, which made {@code modified} of this change's row: an
   * insert stays an insert, an update stays an update. Only for a change whose row shows.
   */
  RowIntent<R> thenUpdate(R modified, UnaryOperator<R> update) {
    UnaryOperator<R> earlier = updates;
    if (earlier == null && type == ChangeType.UPDATE) {
      return new RowIntent<>(type, original, modified, null, null); // replaced whole: the new row, whatever is below
    }
    if (earlier == null) {
      return new RowIntent<>(type, original, modified, update, this.modified); // updates of the row inserted
    }
    UnaryOperator<R> composed = row -> update.apply(earlier.apply(row));
    return new RowIntent<>(type, original, modified, composed, updatedFrom);
  }

  /** This change, then a delete: nothing left after an insert, else a delete of the original row. */
  @Nullable RowIntent<R> thenDelete() {
    return type == ChangeType.INSERT ? null : new RowIntent<>(ChangeType.DELETE, original, null, null, null);
  }

  /**
   * This change (a delete), then an insert of {@code row}: nothing if it is the original row
   * again, else an update to it.
   */
  @Nullable RowIntent<R> thenInsert(R row) {
    return row.equals(original) ? null : new RowIntent<>(ChangeType.UPDATE, original, row, null, null);
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
    switch (type) {
      case INSERT:
        return row -> RowStore.isAbsent(row) ? after : updates == null ? row : reproject((R) row);
      case DELETE:
        return row -> RowStore.absent();
      default:
        if (updates == null) {
          return row -> after; // a delete then an insert: the row given, whatever is below
        }
        return row -> row == before ? after : RowStore.isAbsent(row) ? row : reproject((R) row);
    }
  }

  /**
   * The updates over {@code row}, newer data than they were made on: the components they
   * changed, with their values, over a record of the same class; else the updates applied
   * again. Only for an intent with updates.
   */
  @SuppressWarnings("unchecked") // a record of the class of the modified row, which is an R
  private R reproject(R row) {
    R after = Objects.requireNonNull(modified);
    RecordShape shape = row.getClass() == after.getClass() ? RecordShape.ofValue(after) : null;
    if (shape == null || shape.size() > RecordShape.MAX_MASKED_COMPONENTS) {
      return Objects.requireNonNull(updates).apply(row);
    }
    long mask = changedComponents;
    if (mask == UNKNOWN) {
      mask = shape.changed(Objects.requireNonNull(updatedFrom), after);
      changedComponents = mask;
    }
    return mask == 0 ? row : (R) shape.with(row, after, mask);
  }
}
