package dev.querycache.internal.collection;

import dev.querycache.collection.PendingChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rows a transaction has painted, in the order it first painted them, each with its
 * intent there: null once its writes cancelled out (an insert, then a delete), as the row still
 * hears of the transaction's outcome. Most transactions paint one row: that case needs no
 * other collection than the map. Not thread-safe: guarded by its transaction's monitor.
 */
final class TransactionRows {
  /** A row of a collection. */
  record RowRef(CollectionCore<?, ?> collection, Object key) {}

  // Small at first (most transactions write a row or a few); it grows as a transaction does.
  private final Map<RowRef, @Nullable RowIntent<?>> intents = new LinkedHashMap<>(4);
  /** How many rows hold an intent (not null). */
  private int live;
  /** The first row painted, or null: the only one, while the map holds one. */
  private @Nullable RowRef first;
  /** Whether rows of more than one collection were painted. */
  private boolean spansCollections;

  /** The intent on {@code row}: null if none, or cleared. */
  @Nullable RowIntent<?> get(RowRef row) {
    return intents.get(row);
  }

  /** {@code row}'s intent is {@code next} now (null: cleared; the row stays among the rows). */
  void put(RowRef row, @Nullable RowIntent<?> next) {
    RowIntent<?> before = intents.put(row, next);
    live += (next != null ? 1 : 0) - (before != null ? 1 : 0);
    RowRef firstRow = first;
    if (firstRow == null) {
      first = row;
    } else if (firstRow.collection() != row.collection()) {
      spansCollections = true;
    }
  }

  /** Whether no row was painted. */
  boolean isEmpty() {
    return intents.isEmpty();
  }

  /** Whether a row holds an intent. */
  boolean hasIntents() {
    return live > 0;
  }

  /** Whether some row of {@code rows} is among these. */
  boolean containsAny(List<RowRef> rows) {
    for (RowRef row : rows) {
      if (intents.containsKey(row)) {
        return true;
      }
    }
    return false;
  }

  /** The rows, as a copy. */
  List<RowRef> copy() {
    return new ArrayList<>(intents.keySet());
  }

  /** The intents as {@code tx}'s pending changes, in order. */
  List<PendingChange<?, ?>> changes(TransactionCore tx) {
    RowRef firstRow = first;
    RowIntent<?> only = intents.size() == 1 && firstRow != null ? intents.get(firstRow) : null;
    if (firstRow != null && only != null) { // one row: the usual case
      return Collections.singletonList(firstRow.collection().change(tx, firstRow.key(), only));
    }
    List<PendingChange<?, ?>> out = new ArrayList<>(live);
    for (Map.Entry<RowRef, @Nullable RowIntent<?>> entry : intents.entrySet()) {
      RowIntent<?> intent = entry.getValue();
      if (intent != null) {
        out.add(entry.getKey().collection().change(tx, entry.getKey().key(), intent));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The one collection whose rows these are, or null if none or several. */
  @Nullable CollectionCore<?, ?> onlyCollection() {
    RowRef firstRow = first;
    return firstRow == null || spansCollections ? null : firstRow.collection();
  }

  /** The collections whose rows these are, in the order first painted. */
  Set<CollectionCore<?, ?>> collections() {
    Set<CollectionCore<?, ?>> collections = new LinkedHashSet<>();
    for (RowRef row : intents.keySet()) {
      collections.add(row.collection());
    }
    return collections;
  }

  /** The rows by collection, in the order first painted. */
  Map<CollectionCore<?, ?>, Set<Object>> byCollection() {
    RowRef firstRow = first;
    if (intents.size() == 1 && firstRow != null) { // one row: the usual case
      return Map.of(firstRow.collection(), Set.of(firstRow.key()));
    }
    Map<CollectionCore<?, ?>, Set<Object>> rows = new LinkedHashMap<>(spansCollections ? 4 : 2);
    for (RowRef row : intents.keySet()) {
      rows.computeIfAbsent(row.collection(), c -> new LinkedHashSet<>()).add(row.key());
    }
    return rows;
  }
}
