package dev.querycache.internal.collection;

import dev.querycache.collection.RowChange;
import dev.querycache.internal.layer.LayerOwner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What one operation on a {@link RowStore} did, collected while it holds the store's lock and
 * acted on after: the rows whose visible value changed, in the order they changed, and the
 * intents whose patch threw when applied again (their owners are to be told). The changed
 * rows are collected only while someone listens (asked at each change, under the store's lock:
 * a listener that registers and then reads the rows misses nothing), since comparing a row with
 * the one before it reads both, which on a large collection are seldom in the processor's
 * cache. Not thread-safe: one operation's.
 *
 * @param <K> the type of the keys
 * @param <R> the type of the rows
 */
public final class RowChanges<K, R> {
  /** An intent on {@code key} that {@code owner} holds, whose patch threw {@code error} when applied again. */
  public record FailedIntent<K>(K key, LayerOwner owner, Throwable error) {}

  // Empty and immutable until the first: most operations change a row or two, and fail none.
  private List<RowChange<K, R>> changes = List.of();
  private List<FailedIntent<K>> failed = List.of();
  private final BooleanSupplier listened;

  /** Changes collected whether or not anyone listens. */
  public RowChanges() {
    this(() -> true);
  }

  /** Changes collected while {@code listened} says someone listens. */
  RowChanges(BooleanSupplier listened) {
    this.listened = listened;
  }

  /** The rows whose visible value changed, in order; a row changed twice is listed twice. */
  public List<RowChange<K, R>> changes() {
    return changes;
  }

  /** The intents whose patch threw when applied again. */
  public List<FailedIntent<K>> failed() {
    return failed;
  }

  /** Whether nothing changed and nothing failed. */
  public boolean isEmpty() {
    return changes.isEmpty() && failed.isEmpty();
  }

  /**
   * The changes with each row's run of changes made one, from its first row before to its last
   * row after, in the order the rows first changed; a row that ends as it began is left out.
   */
  public List<RowChange<K, R>> coalesced() {
    if (changes.size() < 2) {
      return changes;
    }
    Map<K, @Nullable R> first = new LinkedHashMap<>();
    Map<K, @Nullable R> last = new HashMap<>();
    for (RowChange<K, R> change : changes) {
      if (!first.containsKey(change.key())) {
        first.put(change.key(), change.before());
      }
      last.put(change.key(), change.after());
    }
    List<RowChange<K, R>> out = new ArrayList<>(first.size());
    for (Map.Entry<K, @Nullable R> entry : first.entrySet()) {
      R before = entry.getValue();
      R after = last.get(entry.getKey());
      if (!Objects.equals(before, after)) {
        out.add(new RowChange<>(entry.getKey(), before, after));
      }
    }
    return out;
  }

  /**
   * Records that {@code key}'s visible row went from {@code before} to {@code after}, unless
   * they are equal or nobody listens.
   */
  void changed(K key, @Nullable R before, @Nullable R after) {
    if (listened.getAsBoolean() && !Objects.equals(before, after)) {
      if (changes.isEmpty()) {
        changes = new ArrayList<>(2);
      }
      changes.add(new RowChange<>(key, before, after));
    }
  }

  void failed(K key, LayerOwner owner, Throwable error) {
    if (failed.isEmpty()) {
      failed = new ArrayList<>(1);
    }
    failed.add(new FailedIntent<>(key, owner, error));
  }
}
