package dev.querycache.internal.collection;

import dev.querycache.collection.ChangeType;
import dev.querycache.internal.layer.LandingAwarePatch;
import dev.querycache.internal.layer.RecordShape;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One row's merged change in one transaction, and the intent it paints. The writes to a row
 * merge one at a time, as TanStack DB merges them: an insert then an update is an insert of
 * the updated row; an insert then a delete is nothing; updates merge; an update then a delete
 * is a delete; a delete then an insert is an update, or nothing if the row is the same. A
 * merge costs the same however many writes the transaction holds. Immutable, but for the
 * mask of the components its updates changed, worked out when first needed.
 *
 * <p>While its updates are pending, newer data may come under them. Other owners' intents
 * never hold them, and server data that landed before the transaction was sent cannot: over
 * those the updates are applied again as functions, which compose exactly ({@code done ->
 * !done} twice is no change). Server data that lands once the transaction was sent (a
 * refetch, a push, the handler's own write-back) may or may not hold them already, so from
 * then on the intent shows the values its updates set, not their function: for a record, the
 * components they changed, over the newer row, whose other components stand; a newer row
 * equal to what they made holds them already and stands as it is. An update that depends on
 * the row is then never applied twice. A row that is not a record (or one this module may
 * not read) has no components to go by: its updates are applied again as functions, which
 * is right for updates that set values ({@code withDone(true)}).
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

  /**
   * The intent: this change applied to a row, or to the store's marker for none. {@code tx} is
   * the transaction it is part of, which says whether the change has been sent.
   */
  UnaryOperator<Object> patch(TransactionCore tx) {
    R after = modified;
    switch (type) {
      case DELETE:
        return row -> RowStore.absent();
      case UPDATE:
        if (updates == null) {
          return row -> after; // a delete then an insert: the row given, whatever is below
        }
        return new UpdatesPatch(tx);
      default:
        return updates == null ? row -> RowStore.isAbsent(row) ? after : row : new UpdatesPatch(tx);
    }
  }

  /**
   * The patch of an intent with updates. Over the row they were made on, the row they made.
   * Over another row, the updates again: while no server data that may hold them has landed,
   * as their function (exact over other owners' intents, which never hold them, and over
   * server data that landed before they were sent, which cannot); once server data lands
   * after their transaction was sent, as the values they set (see the class comment).
   */
  final class UpdatesPatch implements UnaryOperator<Object>, LandingAwarePatch {
    private final TransactionCore tx;
    private boolean mayBeHeld; // guarded by the store's monitor, as every application is

    UpdatesPatch(TransactionCore tx) {
      this.tx = tx;
    }

    /** Server data lands on the row: once the transaction was sent, it may hold the updates. */
    @Override
    public void dataLands() {
      mayBeHeld = mayBeHeld || tx.wasSent();
    }

    @Override
    @SuppressWarnings("unchecked") // the store's rows are R, or its marker
    public Object apply(Object row) {
      if (RowStore.isAbsent(row)) {
        return type == ChangeType.INSERT ? Objects.requireNonNull(modified) : row;
      }
      if (row == original) {
        return Objects.requireNonNull(modified);
      }
      return mayBeHeld ? valuesOver((R) row) : Objects.requireNonNull(updates).apply((R) row);
    }
  }

  /**
   * The values the updates set, over {@code row}: the components they changed over a record
   * of the same class; {@code row} itself if it equals what they made; else the updates
   * applied again. Only for an intent with updates.
   */
  @SuppressWarnings("unchecked") // a record of the class of the modified row, which is an R
  private R valuesOver(R row) {
    R after = Objects.requireNonNull(modified);
    if (row.equals(after)) {
      return row; // it holds the updates' values already (a write-back of them): nothing to merge
    }
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
