package dev.querycache.internal.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The keyed diff behind the UI modules' table and list models (Swing's {@code QueryTableModel}
 * and {@code QueryListModel}, and JavaFX's keyed lists to come): turns an old list
 * of rows into a new one through a short sequence of {@linkplain Change changes}, each one a
 * run of contiguous rows that Swing can announce in one model event.
 *
 * <p>Rows are matched by the key the row-key function gives them, so a row is the same row
 * across refetches even when its value changes. The changes come in three phases, and each
 * change's indexes are valid in the list as the changes before it left it:
 *
 * <ol>
 *   <li><b>Deletes</b>, bottom run first: the rows whose key is gone, and the rows that
 *       moved.
 *   <li><b>Inserts</b>, top run first, at their new indexes: the rows whose key is new, and
 *       the rows that moved.
 *   <li><b>Updates</b>, top run first, at the new indexes: the rows that stayed and whose
 *       value differs by {@code equals}.
 * </ol>
 *
 * <p>Swing's models have no move event, so a row that changes place is deleted at its old
 * index and inserted at its new one. The rows that keep their relative order stay where they
 * are: the diff keeps the longest run of them (a longest increasing subsequence), so a
 * reorder moves as few rows as it can. An update of an unchanged row and a refetch that
 * brings equal rows produce no change at all.
 *
 * <p>Keys are compared with {@code equals} and {@code hashCode}; {@code null} is a valid
 * key. Two rows of one list with equal keys make the diff ambiguous and are refused, except
 * in the common case where the new list has the old one's keys at the same indexes (a flip,
 * its rollback, a refetch of the same rows): that diff is row by row, costs no index, and has
 * duplicates only if the old list had them.
 *
 * <p>Stateless; the changes are immutable.
 */
public final class RowDiff {
  private RowDiff() {}

  /** What a change does to its run of rows. */
  public enum Kind {
    /** The run is removed; {@link Change#rows()} holds the removed rows. */
    DELETE,
    /** The run is inserted at {@link Change#first()}. */
    INSERT,
    /** The rows of the run are replaced by new values of the same rows. */
    UPDATE
  }

  /**
   * One step: a run of contiguous rows deleted, inserted or updated.
   *
   * @param kind what happens to the run
   * @param first the index of the run's first row, in the list as the previous changes left it
   * @param rows the run's rows: the removed ones for a delete, the new ones otherwise; never
   *     empty
   * @param <R> the type of the rows
   */
  public record Change<R>(Kind kind, int first, List<R> rows) {
    /**
     * Copies the rows.
     *
     * @param kind see {@link #kind()}
     * @param first see {@link #first()}
     * @param rows see {@link #rows()}
     */
    public Change {
      rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }

    /**
     * The index of the run's last row.
     *
     * @return {@code first + rows.size() - 1}
     */
    public int last() {
      return first + rows.size() - 1;
    }

    /**
     * Applies this change to {@code target}, the list as the previous changes left it.
     *
     * @param target the list to change in place
     */
    public void applyTo(List<R> target) {
      switch (kind) {
        case DELETE:
          target.subList(first, first + rows.size()).clear();
          break;
        case INSERT:
          target.addAll(first, rows);
          break;
        case UPDATE:
          for (int i = 0; i < rows.size(); i++) {
            target.set(first + i, rows.get(i));
          }
          break;
        default:
          throw new AssertionError(kind);
      }
    }
  }

  /** Receives a model's events as {@link #apply} changes its rows; indexes are inclusive. */
  public interface Events {
    /**
     * Rows {@code first..last} were removed; the indexes are those before the removal.
     *
     * @param first the first removed row
     * @param last the last removed row
     */
    void deleted(int first, int last);

    /**
     * Rows {@code first..last} were inserted; the indexes are those after the insertion.
     *
     * @param first the first inserted row
     * @param last the last inserted row
     */
    void inserted(int first, int last);

    /**
     * Rows {@code first..last} have new values.
     *
     * @param first the first updated row
     * @param last the last updated row
     */
    void updated(int first, int last);
  }

  /**
   * Turns {@code rows} into {@code next} one change at a time, telling {@code events} after
   * each (so a listener that reads the model sees the rows its event describes), then
   * adopts {@code next}'s references for the rows that were equal.
   *
   * @param rows the model's rows, changed in place
   * @param next the rows to show
   * @param rowKey gives each row its identity
   * @param events fires the model's events
   * @param <R> the type of the rows
   * @throws IllegalArgumentException if {@code rowKey} gives two rows of one list equal keys;
   *     {@code rows} is then unchanged
   */
  public static <R> void apply(List<R> rows, List<? extends R> next, Function<? super R, ?> rowKey, Events events) {
    for (Change<R> change : between(rows, next, rowKey)) {
      change.applyTo(rows);
      switch (change.kind()) {
        case DELETE:
          events.deleted(change.first(), change.last());
          break;
        case INSERT:
          events.inserted(change.first(), change.last());
          break;
        case UPDATE:
          events.updated(change.first(), change.last());
          break;
        default:
          throw new AssertionError(change.kind());
      }
    }
    for (int i = 0; i < next.size(); i++) {
      rows.set(i, next.get(i)); // equal rows: adopt the new references, silently
    }
  }

  /**
   * The changes that turn {@code before} into {@code after}, in the order to apply them.
   *
   * @param before the rows shown now
   * @param after the rows to show
   * @param rowKey gives each row its identity
   * @param <R> the type of the rows
   * @return the changes; empty if every row of {@code after} equals the row at its index in
   *     {@code before}
   * @throws IllegalArgumentException if {@code rowKey} gives two rows of one list equal keys
   */
  public static <R> List<Change<R>> between(
      List<? extends R> before, List<? extends R> after, Function<? super R, ?> rowKey) {
    @Nullable Object[] beforeKeys = keysOf(before, rowKey);
    @Nullable Object[] afterKeys = keysOf(after, rowKey);
    if (Arrays.equals(beforeKeys, afterKeys)) {
      // The common case, a flip, its rollback or a refetch of the same rows: every row
      // stays where it is, so only values can differ: no index, no moves to find. The keys
      // are before's, so they hold a duplicate only if before did (a model's rows never do:
      // they passed this diff), and an in-place update is well defined even then.
      return updatesInPlace(before, after);
    }
    indexByKey(beforeKeys, "before"); // only to refuse duplicates
    Map<@Nullable Object, Integer> afterIndex = indexByKey(afterKeys, "after");
    int[] oldToNew = new int[before.size()];
    for (int i = 0; i < before.size(); i++) {
      Integer j = afterIndex.get(beforeKeys[i]);
      oldToNew[i] = j == null ? -1 : j;
    }
    boolean[] stays = rowsInPlace(oldToNew);

    boolean[] deleted = new boolean[before.size()];
    boolean[] inserted = new boolean[after.size()];
    Arrays.fill(inserted, true);
    for (int i = 0; i < before.size(); i++) {
      if (stays[i]) {
        inserted[oldToNew[i]] = false;
      } else {
        deleted[i] = true;
      }
    }

    List<Change<R>> changes = new ArrayList<>();
    for (int end = before.size() - 1; end >= 0; end--) {
      if (deleted[end]) {
        int start = end;
        while (start > 0 && deleted[start - 1]) {
          start--;
        }
        changes.add(new Change<>(Kind.DELETE, start, new ArrayList<R>(before.subList(start, end + 1))));
        end = start;
      }
    }
    addRuns(changes, Kind.INSERT, after, inserted);

    boolean[] updated = new boolean[after.size()];
    for (int i = 0; i < before.size(); i++) {
      if (stays[i] && !Objects.equals(before.get(i), after.get(oldToNew[i]))) {
        updated[oldToNew[i]] = true;
      }
    }
    addRuns(changes, Kind.UPDATE, after, updated);
    return changes;
  }

  /** The runs of rows whose value changed, when every key kept its index. */
  private static <R> List<Change<R>> updatesInPlace(List<? extends R> before, List<? extends R> after) {
    boolean[] updated = new boolean[after.size()];
    boolean any = false;
    for (int i = 0; i < after.size(); i++) {
      if (!Objects.equals(before.get(i), after.get(i))) {
        updated[i] = true;
        any = true;
      }
    }
    List<Change<R>> changes = new ArrayList<>();
    if (any) {
      addRuns(changes, Kind.UPDATE, after, updated);
    }
    return changes;
  }

  private static <R> @Nullable Object[] keysOf(List<? extends R> rows, Function<? super R, ?> rowKey) {
    @Nullable Object[] keys = new Object[rows.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = rowKey.apply(rows.get(i));
    }
    return keys;
  }

  private static Map<@Nullable Object, Integer> indexByKey(@Nullable Object[] keys, String listName) {
    Map<@Nullable Object, Integer> index = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      Integer duplicate = index.put(keys[i], i);
      if (duplicate != null) {
        throw duplicateKey(keys[i], duplicate, i, listName);
      }
    }
    return index;
  }

  private static IllegalArgumentException duplicateKey(
      @Nullable Object key, int first, int second, String listName) {
    return new IllegalArgumentException(
        "rowKey gives rows " + first + " and " + second + " of the " + listName
            + " list the same key " + key + "; row keys must be unique within a list");
  }

  /** Adds one change of {@code kind} per run of marked indexes of {@code rows}, top first. */
  private static <R> void addRuns(List<Change<R>> changes, Kind kind, List<? extends R> rows, boolean[] marked) {
    for (int start = 0; start < marked.length; start++) {
      if (marked[start]) {
        int end = start;
        while (end + 1 < marked.length && marked[end + 1]) {
          end++;
        }
        changes.add(new Change<>(kind, start, new ArrayList<R>(rows.subList(start, end + 1))));
        start = end;
      }
    }
  }

  /**
   * Which old rows stay in place: the old rows kept by the new list ({@code oldToNew[i] >= 0})
   * that form a longest run in increasing new order. Patience sorting, O(n log n).
   */
  private static boolean[] rowsInPlace(int[] oldToNew) {
    int n = oldToNew.length;
    int[] tailOld = new int[n]; // tailOld[k]: old index ending the best run of length k + 1
    int[] previous = new int[n]; // previous[i]: old index before i in its run, or -1
    int length = 0;
    for (int i = 0; i < n; i++) {
      int j = oldToNew[i];
      if (j < 0) {
        continue;
      }
      int low = 0;
      int high = length;
      while (low < high) {
        int middle = (low + high) >>> 1;
        if (oldToNew[tailOld[middle]] < j) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      previous[i] = low > 0 ? tailOld[low - 1] : -1;
      tailOld[low] = i;
      if (low == length) {
        length++;
      }
    }
    boolean[] stays = new boolean[n];
    for (int i = length > 0 ? tailOld[length - 1] : -1; i >= 0; i = previous[i]) {
      stays[i] = true;
    }
    return stays;
  }
}
