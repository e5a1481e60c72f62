package dev.querycache.bench;

import dev.querycache.internal.ui.RowDiff;
import java.util.ArrayList;
import java.util.List;

/**
 * W4l: what an optimistic flip costs a table or list bound to the query: the keyed row diff
 * that Swing's {@code QueryTableModel} and JavaFX's {@code QueryList} replay, from a list of
 * {@code n} rows to the same list with one row changed. The new lists are built beforehand
 * (the application's patch makes them), so the figure is the diff alone.
 */
final class KeyedListUpdates {
  /** A row of a notifications table: its key is the id. */
  record Row(String id, boolean read) {}

  private static final int VARIANTS = 64;

  private KeyedListUpdates() {}

  static Line run(int n, int diffs, Rounds rounds) {
    List<Row> base = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      base.add(new Row("n" + i, false));
    }
    List<List<Row>> flipped = new ArrayList<>(VARIANTS);
    for (int v = 0; v < VARIANTS; v++) {
      List<Row> next = new ArrayList<>(base);
      int index = (int) ((long) v * n / VARIANTS);
      next.set(index, new Row(base.get(index).id(), true));
      flipped.add(next);
    }
    long[] changes = new long[1];
    double nanos = rounds.nanosPerOp(diffs, () -> {
      long count = 0;
      long start = System.nanoTime();
      for (int d = 0; d < diffs; d++) {
        count += RowDiff.between(base, flipped.get(d % VARIANTS), Row::id).size();
      }
      long elapsed = System.nanoTime() - start;
      changes[0] = count;
      return elapsed;
    });
    return new Line("W4l", n).with("ops", diffs).with("ns_per_op", nanos)
        .with("changes_per_diff", (double) changes[0] / diffs)
        .with("note", "ns per keyed row diff of " + n + " rows with one row flipped (a table's or list's update)");
  }
}
