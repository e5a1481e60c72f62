package dev.querycache.internal.mutation;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.querycache.UndoProjection;
import dev.querycache.internal.layer.RecordShape;
import dev.querycache.internal.layer.StructuralSharing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The default undo of an optimistic patch: the inverse of the change one application of the
 * patch made (from {@code before} to {@code after}), applied to the data as it is now. What
 * happened since (a row starred after an archive, mail that arrived) stays; only what the
 * original run changed is reversed. A pure function of the data, so the undo's layer can be
 * applied again over newer data like any other.
 *
 * <ul>
 *   <li><b>Immutable lists</b> ({@code List.of}, {@code List.copyOf}, {@code Stream.toList()}
 *       without nulls, Guava's {@link ImmutableList}): the change is read as rows removed,
 *       rows added and rows replaced in place, by {@code equals}: the common head and tail are
 *       kept and the middle is aligned by its longest common subsequence. Undone on the list
 *       as it is now: a removed row goes back after the nearest row that preceded it and is
 *       still there (first if none), unless an equal row already is; an added row goes, if it
 *       is still there; a replaced row gets its old version back if its new version is still
 *       there unchanged (if a later write changed it, the row is that write's).
 *   <li><b>Immutable maps</b> ({@code Map.of}, {@code Map.copyOf}, Guava's
 *       {@link ImmutableMap}): an entry the patch added, changed or removed gets its old value
 *       back (or goes) if it still holds what the patch made of it; other entries stay.
 *   <li><b>Records</b> of one class before, after and now (a page holding its rows and a
 *       count): undone component by component. A component the patch did not change keeps
 *       its value now (a later write's, such as the server's count); one it changed is undone
 *       by these same rules (a list of rows, a map, a nested record, a plain value), and the
 *       record is made again by its canonical constructor. A record that cannot be read or
 *       made that way (a package the module does not open, a constructor that refuses the
 *       combination) falls to the next rule.
 *   <li><b>Anything else</b>: the data from before if the data still is exactly what the
 *       patch made; otherwise the data as it is, since a later write owns it (the server's
 *       undo and its refetch settle it).
 * </ul>
 *
 * A precise {@link UndoProjection} given with {@code undoPatch(...)} replaces this default.
 */
public final class PatchInverse<T> implements UnaryOperator<T> {
  /** Beyond this many cells, the middle of two lists is not aligned row by row. */
  private static final int MAX_ALIGNED_CELLS = 1 << 20;
  private static final Class<?> JDK_MAP_1 = Map.of(1, 1).getClass();
  private static final Class<?> JDK_MAP_N = Map.of(1, 1, 2, 2).getClass();

  private final T before;
  private final T after;

  PatchInverse(T before, T after) {
    this.before = before;
    this.after = after;
  }

  @Override
  @SuppressWarnings("unchecked") // lists and maps are rebuilt in the family they came in
  public T apply(T current) {
    if (before instanceof List<?> && after instanceof List<?> && current instanceof List<?>
        && StructuralSharing.isRebuildable((List<?>) current)) {
      return (T) undoList((List<Object>) before, (List<Object>) after, (List<Object>) current);
    }
    if (before instanceof Map<?, ?> && after instanceof Map<?, ?> && current instanceof Map<?, ?>
        && isRebuildable((Map<?, ?>) current)) {
      return (T) undoMap((Map<Object, Object>) before, (Map<Object, Object>) after, (Map<Object, Object>) current);
    }
    if (before instanceof Record && before.getClass() == after.getClass() && after.getClass() == current.getClass()) {
      Record undone = undoRecord((Record) before, (Record) after, (Record) current);
      if (undone != null) {
        return (T) undone;
      }
    }
    return current.equals(after) ? before : current;
  }

  /** The inverse of one value's change, for a component or an element; nulls are plain values. */
  private static @Nullable Object undo(@Nullable Object before, @Nullable Object after, @Nullable Object current) {
    if (before == null || after == null || current == null) {
      return Objects.equals(current, after) ? before : current;
    }
    return new PatchInverse<>(before, after).apply(current);
  }

  // ---- records ---------------------------------------------------------------------------

  /** Component by component; null when the record cannot be read or made again. */
  private static @Nullable Record undoRecord(Record before, Record after, Record current) {
    RecordShape shape = RecordShape.of(current.getClass());
    if (shape == null) {
      return null;
    }
    try {
      Object[] was = shape.values(before);
      Object[] made = shape.values(after);
      Object[] now = shape.values(current);
      Object[] undone = now.clone();
      boolean changed = false;
      for (int i = 0; i < now.length; i++) {
        if (!same(was[i], made[i])) {
          undone[i] = undo(was[i], made[i], now[i]);
          changed |= undone[i] != now[i];
        }
      }
      return changed ? (Record) shape.make(undone) : current;
    } catch (RuntimeException unreadableOrRefused) {
      return null;
    }
  }

  // ---- lists -----------------------------------------------------------------------------

  /** One edit the patch made: rows of {@code before} [from, to) became rows of {@code after} [at, until). */
  private record Edit(int from, int to, int at, int until) {}

  private static List<Object> undoList(List<Object> before, List<Object> after, List<Object> current) {
    List<Edit> edits = edits(before, after);
    if (edits.isEmpty()) {
      return current;
    }
    List<Object> result = new ArrayList<>(current);
    boolean changed = false;
    for (Edit edit : edits) {
      int removed = edit.to - edit.from;
      int added = edit.until - edit.at;
      int paired = Math.min(removed, added);
      for (int k = 0; k < paired; k++) { // replaced in place: put the old version back
        int where = indexOf(result, after.get(edit.at + k));
        if (where >= 0) {
          result.set(where, before.get(edit.from + k));
          changed = true;
        }
      }
      for (int k = paired; k < added; k++) { // added by the patch: take it away
        int where = indexOf(result, after.get(edit.at + k));
        if (where >= 0) {
          result.remove(where);
          changed = true;
        }
      }
      for (int k = paired; k < removed; k++) { // removed by the patch: put it back
        Object row = before.get(edit.from + k);
        if (indexOf(result, row) < 0) {
          result.add(insertionPoint(result, before, edit.from + k), row);
          changed = true;
        }
      }
    }
    return changed ? rebuild(current, result) : current;
  }

  /** After the nearest row that preceded {@code before[index]} and is still in {@code rows}. */
  private static int insertionPoint(List<Object> rows, List<Object> before, int index) {
    for (int i = index - 1; i >= 0; i--) {
      int where = indexOf(rows, before.get(i));
      if (where >= 0) {
        return where + 1;
      }
    }
    return 0;
  }

  private static int indexOf(List<Object> rows, @Nullable Object row) {
    for (int i = 0; i < rows.size(); i++) {
      Object candidate = rows.get(i);
      if (candidate == row || (candidate != null && candidate.equals(row))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The edits from {@code before} to {@code after}, in order: the common head and tail are
   * skipped, and the middle is aligned by its longest common subsequence (or taken as one
   * replacement when it is too large to align).
   */
  private static List<Edit> edits(List<Object> before, List<Object> after) {
    int head = 0;
    int limit = Math.min(before.size(), after.size());
    while (head < limit && same(before.get(head), after.get(head))) {
      head++;
    }
    int tail = 0;
    while (tail < limit - head
        && same(before.get(before.size() - 1 - tail), after.get(after.size() - 1 - tail))) {
      tail++;
    }
    int from = head;
    int to = before.size() - tail;
    int at = head;
    int until = after.size() - tail;
    if (from == to && at == until) {
      return List.of();
    }
    long cells = (long) (to - from + 1) * (until - at + 1);
    if (from == to || at == until || to - from == until - at || cells > MAX_ALIGNED_CELLS) {
      // Only rows removed, only rows added, rows replaced one for one (a patch that maps the
      // rows), or too much to align: one edit, paired row by row from its start.
      return List.of(new Edit(from, to, at, until));
    }
    return aligned(before, after, from, to, at, until);
  }

  /** Longest-common-subsequence alignment of before[from, to) with after[at, until). */
  private static List<Edit> aligned(List<Object> before, List<Object> after, int from, int to, int at, int until) {
    int n = to - from;
    int m = until - at;
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = same(before.get(from + i), after.get(at + j))
            ? lcs[i + 1][j + 1] + 1
            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Edit> edits = new ArrayList<>();
    int i = 0;
    int j = 0;
    int editI = 0;
    int editJ = 0;
    while (i < n || j < m) {
      if (i < n && j < m && same(before.get(from + i), after.get(at + j))) {
        if (editI < i || editJ < j) {
          edits.add(new Edit(from + editI, from + i, at + editJ, at + j));
        }
        i++;
        j++;
        editI = i;
        editJ = j;
      } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        j++;
      } else {
        i++;
      }
    }
    if (editI < n || editJ < m) {
      edits.add(new Edit(from + editI, to, at + editJ, until));
    }
    return edits;
  }

  private static boolean same(@Nullable Object a, @Nullable Object b) {
    return a == b || (a != null && a.equals(b));
  }

  private static List<Object> rebuild(List<Object> like, List<Object> rows) {
    if (like instanceof ImmutableList<?> && !rows.contains(null)) {
      return ImmutableList.copyOf(rows);
    }
    return rows.contains(null) ? java.util.Collections.unmodifiableList(rows) : List.copyOf(rows);
  }

  // ---- maps ------------------------------------------------------------------------------

  private static boolean isRebuildable(Map<?, ?> map) {
    Class<?> type = map.getClass();
    return map instanceof ImmutableMap<?, ?> || type == JDK_MAP_1 || type == JDK_MAP_N;
  }

  private static Map<Object, Object> undoMap(
      Map<Object, Object> before, Map<Object, Object> after, Map<Object, Object> current) {
    Map<Object, Object> result = new LinkedHashMap<>(current);
    boolean changed = false;
    for (Map.Entry<Object, Object> entry : after.entrySet()) { // added or changed by the patch
      Object key = entry.getKey();
      Object was = before.get(key);
      if (!Objects.equals(was, entry.getValue()) && Objects.equals(current.get(key), entry.getValue())) {
        if (was == null) {
          result.remove(key);
        } else {
          result.put(key, was);
        }
        changed = true;
      }
    }
    for (Map.Entry<Object, Object> entry : before.entrySet()) { // removed by the patch
      Object key = entry.getKey();
      if (!after.containsKey(key) && !current.containsKey(key)) {
        result.put(key, entry.getValue());
        changed = true;
      }
    }
    if (!changed || result.containsKey(null) || result.containsValue(null)) {
      return current; // an immutable map holds no nulls: nothing to rebuild it from
    }
    return current instanceof ImmutableMap<?, ?> ? ImmutableMap.copyOf(result) : Map.copyOf(result);
  }
}
