package dev.querycache.test;

import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.opentest4j.AssertionFailedError;

/**
 * The recorded changes of a keyed collection's rows, from
 * {@link TransitionRecorder#rows(QueryCollection, Function)}: one entry per change of what the
 * collection shows (a write, a fetch landing, a rollback), naming each row that changed. A
 * test asserts the story a table went through:
 *
 * <pre>{@code
 * RowLog<String, Task> table = recorder.rows(tasks, task -> task.title() + (task.done() ? " (done)" : ""));
 * ... tasks.update("t1", task -> task.withDone(true)), then the server fails ...
 * table.assertSequence(
 *     "changed t1: Write specs -> Write specs (done)",
 *     "changed t1: Write specs (done) -> Write specs");
 * }</pre>
 *
 * <p>An entry lists the rows of one change in the order the collection told them, separated
 * by {@code "; "}: {@code "added t3: Rest"}, {@code "changed t1: before -> after"},
 * {@code "removed t2: Ship"}. A row echoed equal to what is shown is no change, and no entry.
 * Thread-safe; recording runs on the client's notify executor.
 *
 * @param <K> the type of the keys
 * @param <R> the type of the rows
 * @since 0.1.0
 */
public final class RowLog<K, R> {
  private final QueryCollection<K, R> collection;
  private final Function<? super R, ?> describe;
  private final List<String> entries = new ArrayList<>(); // guarded by this

  RowLog(QueryCollection<K, R> collection, Function<? super R, ?> describe) {
    this.collection = collection;
    this.describe = describe;
  }

  /** Records one change of the rows. Runs on the notify executor. */
  void record(List<RowChange<K, R>> changes) {
    StringBuilder entry = new StringBuilder();
    for (RowChange<K, R> change : changes) {
      if (entry.length() > 0) {
        entry.append("; ");
      }
      R before = change.before();
      R after = change.after();
      if (before == null) {
        entry.append("added ").append(change.key()).append(": ").append(described(after));
      } else if (after == null) {
        entry.append("removed ").append(change.key()).append(": ").append(described(before));
      } else {
        entry.append("changed ").append(change.key()).append(": ").append(described(before)).append(" -> ")
            .append(described(after));
      }
    }
    synchronized (this) {
      entries.add(entry.toString());
    }
  }

  /** The row in the test's words; a describe function that throws is recorded as such. */
  private String described(R row) {
    try {
      return String.valueOf(describe.apply(row));
    } catch (RuntimeException e) {
      return "<describe threw " + e + ">";
    }
  }

  /**
   * The collection this log records.
   *
   * @return the collection
   */
  public QueryCollection<K, R> collection() {
    return collection;
  }

  /**
   * The entries recorded so far, oldest first.
   *
   * @return an immutable copy
   */
  public synchronized List<String> entries() {
    return List.copyOf(entries);
  }

  /**
   * Forgets the entries recorded so far, so that the next assertion states what follows (after
   * the first fetch, say).
   */
  public synchronized void clear() {
    entries.clear();
  }

  /**
   * Fails unless the recorded entries are exactly {@code expected}, in order.
   *
   * @param expected the entries, oldest first
   * @throws NullPointerException if {@code expected} is or holds null
   * @throws AssertionFailedError if they differ; the message prints both sequences and marks
   *     the first difference
   */
  public void assertSequence(String... expected) {
    Objects.requireNonNull(expected, "expected == null");
    List<String> wanted = List.of(expected);
    List<String> actual = entries();
    if (actual.equals(wanted)) {
      return;
    }
    throw new AssertionFailedError("the row changes of " + collection + " differ from the expected sequence at #"
        + firstDifference(actual, wanted) + "\nexpected:\n" + listing(wanted, firstDifference(actual, wanted))
        + "recorded:\n" + listing(actual, firstDifference(actual, wanted)), String.join("\n", wanted),
        String.join("\n", actual));
  }

  /**
   * Fails unless the rows the collection shows now, described, are exactly {@code expected},
   * in the collection's order.
   *
   * @param expected the rows' descriptions
   * @throws NullPointerException if {@code expected} is or holds null
   * @throws AssertionFailedError if they differ
   */
  public void assertRows(String... expected) {
    Objects.requireNonNull(expected, "expected == null");
    List<String> wanted = List.of(expected);
    List<String> actual = collection.rows().stream().map(this::described).toList();
    if (!actual.equals(wanted)) {
      throw new AssertionFailedError("the rows of " + collection + " differ\nexpected:\n"
          + listing(wanted, firstDifference(actual, wanted)) + "shown:\n" + listing(actual, firstDifference(actual, wanted)),
          String.join("\n", wanted), String.join("\n", actual));
    }
  }

  private static int firstDifference(List<String> actual, List<String> wanted) {
    int first = 0;
    while (first < actual.size() && first < wanted.size() && actual.get(first).equals(wanted.get(first))) {
      first++;
    }
    return first;
  }

  private static String listing(List<String> lines, int mark) {
    if (lines.isEmpty()) {
      return "  (nothing)\n";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      out.append(i == mark ? "> " : "  ").append('#').append(i).append(' ').append(lines.get(i)).append('\n');
    }
    return out.toString();
  }

  /** The entries, one a line, for failure messages. */
  @Override
  public synchronized String toString() {
    return collection + ":\n" + listing(entries, -1);
  }
}
