package dev.querycache.internal.collection;

import dev.querycache.collection.RowChange;
import dev.querycache.collection.RowPush;
import dev.querycache.internal.layer.LayerOwner;
import dev.querycache.internal.layer.LayerStack;
import dev.querycache.internal.layer.OptimisticLayer;
import dev.querycache.internal.runtime.Notifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The rows of one keyed collection, in order. Each row has its confirmed value (what the
 * server last said: a fetch of the whole list, or rows written back) and, while writes to it
 * are pending, a {@link LayerStack} of intents: the one layer mechanism, per row. A row's
 * visible value is its confirmed value with its intents applied in their owners' start
 * order, so that:
 *
 * <ul>
 *   <li>a write to one row costs the same whatever the collection's size;
 *   <li>server data lands on the confirmed rows at once and the intents are applied over it
 *       again, in the same step: nothing is held back, nothing flashes;
 *   <li>an owner's rollback removes its intents only; another owner's intents on the same rows
 *       stay;
 *   <li>an intent that succeeded stays until data that includes it lands (a fetch that started
 *       after the success, or rows written back after it), or folds into the confirmed row
 *       once its owner settled and no fetch is in flight.
 * </ul>
 *
 * <p>An intent's patch maps a row to a row, over the store's own marker for "no row" (see
 * {@link #isAbsent}): an insert is a constant row, a delete the marker, an update a function
 * that leaves the marker alone. A row that is neither confirmed nor inserted by an intent is
 * not in the collection.
 *
 * <p>Reads ({@link #get}, {@link #contains}, {@link #size}) take no lock and see each row's
 * latest visible value. Every change holds the store's monitor; the caller acts on the
 * {@link RowChanges} it collected after letting go of its own locks.
 *
 * @param <K> the type of the keys
 * @param <R> the type of the rows
 */
public final class RowStore<K, R> {
  private static final Object ABSENT = new Object() {
    @Override
    public String toString() {
      return "no row";
    }
  };

  /** A row's revision when no push has landed on it. */
  private static final long NO_REVISION = Long.MIN_VALUE;

  /** One key's row: its confirmed value, its intents, and what they show. */
  private static final class Slot {
    /** Where the row is in the collection's order; unique, smaller first. */
    long position;
    /** The row the server last said, or {@link #ABSENT}; kept current with the stack's. */
    Object confirmed = ABSENT;
    /** The row's intents, or null while it has none. */
    @Nullable LayerStack<Object> stack;
    /** The confirmed row with the intents applied, or {@link #ABSENT}. */
    volatile Object visible = ABSENT;
    /** The owner whose intent made a row of no confirmed row, while that is so; or null. */
    @Nullable LayerOwner insertedBy;
    /**
     * The server's revision in the last push that landed on the row, or {@link #NO_REVISION}.
     * A deleted row's slot stays while it has one, so that an older push cannot bring it back.
     */
    long revision = NO_REVISION;
    /** The client sequence when the last push landed on the row; 0 if none has. */
    long pushedAt;

    Slot(long position) {
      this.position = position;
    }
  }

  private final Object subject;
  private final Notifier notifier;
  private final Function<? super R, ? extends K> keyOf;
  private final Map<K, Slot> slots = new ConcurrentHashMap<>();
  /** The keys whose rows have intents (a stack), so that what concerns intents only visits them. */
  private final Set<K> withIntents = new HashSet<>(); // guarded by this
  private long nextPosition; // guarded by this
  private volatile int size;
  private @Nullable List<R> rows; // guarded by this: the visible rows in order, until the next change

  /**
   * An empty store. {@code subject} names the collection in reports; patches run through
   * {@code notifier}, which refuses a patch's calls back into the client; {@code keyOf} gives a
   * row's key.
   */
  public RowStore(Object subject, Notifier notifier, Function<? super R, ? extends K> keyOf) {
    this.subject = subject;
    this.notifier = notifier;
    this.keyOf = keyOf;
  }

  /** The marker an intent's patch gets and gives for "no row". */
  public static Object absent() {
    return ABSENT;
  }

  /** Whether {@code value}, an intent's input or output, stands for "no row". */
  public static boolean isAbsent(@Nullable Object value) {
    return value == ABSENT;
  }

  // ---- reads --------------------------------------------------------------------------------

  /** The row shown for {@code key}, or null if the collection has none. Any thread, no lock. */
  public @Nullable R get(K key) {
    Slot slot = slots.get(key);
    return slot == null ? null : row(slot.visible);
  }

  /** Whether the collection shows a row for {@code key}. Any thread, no lock. */
  public boolean contains(K key) {
    Slot slot = slots.get(key);
    return slot != null && slot.visible != ABSENT;
  }

  /** The row the server last said for {@code key}, or null. */
  public synchronized @Nullable R confirmed(K key) {
    Slot slot = slots.get(key);
    return slot == null ? null : row(slot.confirmed);
  }

  /** Whether {@code key}'s row has intents pending. */
  public synchronized boolean hasIntents(K key) {
    Slot slot = slots.get(key);
    return slot != null && slot.stack != null;
  }

  /** How many rows the collection shows. Any thread, no lock. */
  public int size() {
    return size;
  }

  /** The rows shown, in order, as an immutable list (made once per change, when asked for). */
  public synchronized List<R> rows() {
    List<R> made = rows;
    if (made == null) {
      List<Slot> shown = new ArrayList<>(size);
      for (Slot slot : slots.values()) {
        if (slot.visible != ABSENT) {
          shown.add(slot);
        }
      }
      shown.sort(Comparator.comparingLong(slot -> slot.position));
      List<R> out = new ArrayList<>(shown.size());
      for (Slot slot : shown) {
        out.add(row(slot.visible));
      }
      made = List.copyOf(out);
      rows = made;
    }
    return made;
  }

  // ---- intents ------------------------------------------------------------------------------

  /**
   * Puts {@code owner}'s intent on {@code key}'s row in place of the one it had there, or adds
   * it in the owner's start order {@code order}: an owner holds one intent per row, which it
   * makes again as its writes to the row merge. A new row goes at the end. What the patch
   * throws the first time propagates, and then nothing changed.
   *
   * @param constant whether the patch ignores its input (an insert, a delete)
   * @param fetchInFlight whether the collection's source has a fetch in flight
   * @return the row shown now, or null if none
   */
  public synchronized @Nullable R paint(
      LayerOwner owner, long order, K key, UnaryOperator<Object> patch, boolean constant, boolean fetchInFlight,
      RowChanges<K, R> sink) {
    Slot slot = slots.get(key);
    boolean created = slot == null;
    if (slot == null) {
      slot = new Slot(nextPosition++);
    } else if (slot.visible == ABSENT && slot.stack == null) {
      slot.position = nextPosition++; // a deleted row's revision, kept: the new row goes at the end all the same
    }
    LayerStack<Object> stack = slot.stack != null ? slot.stack : new LayerStack<>(new RowName(subject, key), notifier);
    Object before = slot.visible;
    Object after = Objects.requireNonNull(stack.replace(new OptimisticLayer<>(owner, order, patch, constant), before, fetchInFlight));
    slot.stack = stack;
    withIntents.add(key);
    if (created) {
      slots.put(key, slot);
    }
    if (before == ABSENT && after != ABSENT && slot.confirmed == ABSENT) {
      slot.insertedBy = owner;
    }
    show(key, slot, before, after, sink);
    return row(after);
  }

  /**
   * The owner whose pending intent inserted {@code key}'s row, which the server has not
   * confirmed; null if the row is confirmed, or not there.
   */
  public synchronized @Nullable LayerOwner insertedBy(K key) {
    Slot slot = slots.get(key);
    return slot == null || slot.confirmed != ABSENT || slot.visible == ABSENT ? null : slot.insertedBy;
  }

  /** Removes {@code owner}'s intents on {@code keys}: its rollback. Other owners' intents stay. */
  public synchronized void remove(LayerOwner owner, Collection<K> keys, boolean fetchInFlight, RowChanges<K, R> sink) {
    for (K key : keys) {
      Slot slot = slots.get(key);
      LayerStack<Object> stack = slot == null ? null : slot.stack;
      if (slot != null && stack != null) {
        Object before = slot.visible;
        Object after = Objects.requireNonNull(stack.remove(owner, before, fetchInFlight));
        show(key, slot, before, after, sink);
      }
    }
  }

  /** {@code owner}'s write of {@code keys} succeeded at the client sequence {@code sequence}. */
  public synchronized void succeeded(LayerOwner owner, Collection<K> keys, long sequence) {
    for (K key : keys) {
      Slot slot = slots.get(key);
      if (slot != null && slot.stack != null) {
        slot.stack.succeeded(owner, sequence);
      }
    }
  }

  /** {@code owner}'s settle step is done: its intents on {@code keys} fold if they may. */
  public synchronized void settled(LayerOwner owner, Collection<K> keys, boolean fetchInFlight, RowChanges<K, R> sink) {
    for (K key : keys) {
      Slot slot = slots.get(key);
      if (slot != null && slot.stack != null) {
        slot.stack.settled(owner, fetchInFlight);
        show(key, slot, slot.visible, slot.visible, sink);
      }
    }
  }

  /**
   * A fetch that started at the client sequence {@code fetchSequence} ended without data
   * (failed or cancelled): the succeeded intents it was to confirm stay until data that
   * includes them lands, and the settled intents that only waited for it to end fold now.
   */
  public synchronized void fetchEndedWithoutData(long fetchSequence, RowChanges<K, R> sink) {
    if (withIntents.isEmpty()) {
      return; // every write cancels the refetch in flight: this is on the write path
    }
    for (K key : List.copyOf(withIntents)) { // show may let go of a stack
      Slot slot = slots.get(key);
      if (slot != null && slot.stack != null) {
        slot.stack.fetchEndedWithoutData(fetchSequence);
        show(key, slot, slot.visible, slot.visible, sink);
      }
    }
  }

  // ---- server data ----------------------------------------------------------------------------

  /**
   * The whole list of rows, from a fetch that started at the client sequence
   * {@code fetchSequence}, becomes the confirmed rows, in its order (a key listed twice: the
   * later row). Rows it lacks are no longer confirmed. A row a push landed on after the fetch
   * started keeps what the push said: the list may predate it. A null row or key, or a key
   * function that throws, changes nothing and propagates. Intents of owners that succeeded before
   * the fetch started leave; the others are applied over the new rows. Rows only intents show
   * keep their place after the fetched ones.
   */
  public synchronized void landAll(List<? extends R> fetched, long fetchSequence, RowChanges<K, R> sink) {
    Predicate<OptimisticLayer<Object>> included = layer -> layer.isIncludedIn(fetchSequence);
    List<K> keys = new ArrayList<>(fetched.size()); // all first: a key function that throws changes nothing
    for (R row : fetched) {
      keys.add(Objects.requireNonNull(keyOf.apply(Objects.requireNonNull(row, "a row is null")), "a row's key is null"));
    }
    Set<K> listed = new HashSet<>(keys);
    for (int i = 0; i < keys.size(); i++) {
      Slot slot = slots.get(keys.get(i));
      if (slot == null || slot.pushedAt <= fetchSequence) {
        slot = land(keys.get(i), fetched.get(i), included, sink);
      }
      slot.position = nextPosition++;
    }
    List<Slot> unlisted = new ArrayList<>();
    List<K> gone = new ArrayList<>();
    for (Map.Entry<K, Slot> entry : slots.entrySet()) {
      if (!listed.contains(entry.getKey())) {
        unlisted.add(entry.getValue());
        if (entry.getValue().pushedAt <= fetchSequence) {
          gone.add(entry.getKey());
        }
      }
    }
    for (K key : gone) {
      land(key, ABSENT, included, sink);
    }
    unlisted.sort(Comparator.comparingLong(slot -> slot.position));
    for (Slot slot : unlisted) {
      slot.position = nextPosition++;
    }
    rows = null;
  }

  /**
   * Rows written back by hand (a handler's answer): each becomes its key's confirmed
   * row ({@code upserts}), or its key has none ({@code deletes}). Intents of owners that have
   * succeeded leave, as the data includes them; the others are applied over the new rows. A
   * new row goes at the end.
   */
  public synchronized void landRows(Collection<? extends R> upserts, Collection<? extends K> deletes, RowChanges<K, R> sink) {
    Predicate<OptimisticLayer<Object>> included = OptimisticLayer::hasSucceeded;
    for (R row : upserts) {
      land(Objects.requireNonNull(keyOf.apply(row), "a row's key is null"), row, included, sink);
    }
    for (K key : deletes) {
      land(key, ABSENT, included, sink);
    }
  }

  /**
   * Rows the server pushed, whose keys are {@code keys}, landing at the client sequence
   * {@code sequence}: each push at a revision newer than its row's last becomes the row's
   * confirmed value (or its absence), and the intents of the owner whose write key it carries
   * leave; the others are dropped. A deleted row's revision stays. A row that shows again goes
   * at the end.
   *
   * @return how many were dropped as stale
   */
  public synchronized int landPushes(List<K> keys, List<? extends RowPush<K, R>> pushes, long sequence, RowChanges<K, R> sink) {
    int dropped = 0;
    for (int i = 0; i < keys.size(); i++) {
      K key = keys.get(i);
      RowPush<K, R> push = pushes.get(i);
      long revision = push.revision();
      Slot slot = slots.get(key);
      if (slot != null && revision <= slot.revision) {
        dropped++;
        continue;
      }
      R row = push.row().orElse(null);
      if (slot == null) {
        slot = new Slot(nextPosition++);
        slots.put(key, slot);
      } else if (row != null && slot.visible == ABSENT && slot.stack == null) {
        slot.position = nextPosition++; // a row deleted before comes back: at the end, as a new one
      }
      slot.revision = revision;
      slot.pushedAt = sequence;
      String writeKey = push.writeKey().orElse(null);
      Predicate<OptimisticLayer<Object>> included =
          writeKey == null ? layer -> false : layer -> layer.owner.hasWriteKey(writeKey);
      landOn(key, slot, row == null ? ABSENT : row, included, sink);
    }
    return dropped;
  }

  /** Lands {@code confirmed} (a row or {@link #ABSENT}) on {@code key}'s slot; returns the slot. */
  private Slot land(K key, Object confirmed, Predicate<OptimisticLayer<Object>> included, RowChanges<K, R> sink) {
    Slot slot = slots.get(key);
    if (slot == null) {
      if (confirmed == ABSENT) {
        return new Slot(-1); // nothing there, and nothing to keep
      }
      slot = new Slot(nextPosition++);
      slots.put(key, slot);
    }
    landOn(key, slot, confirmed, included, sink);
    return slot;
  }

  private void landOn(K key, Slot slot, Object confirmed, Predicate<OptimisticLayer<Object>> included, RowChanges<K, R> sink) {
    Object landed = Objects.equals(slot.confirmed, confirmed) ? slot.confirmed : confirmed; // an equal row keeps its reference
    Object before = slot.visible;
    LayerStack<Object> stack = slot.stack;
    Object after = stack == null ? landed : stack.land(landed, included, false, false);
    if (stack == null) {
      slot.confirmed = landed;
    }
    show(key, slot, before, after, sink);
  }

  /**
   * After a change of {@code slot}'s stack: keeps its confirmed row current, lets go of an
   * empty stack and of a slot with nothing in it, counts the rows shown, and records the
   * change and the intents that failed.
   */
  private void show(K key, Slot slot, Object before, Object after, RowChanges<K, R> sink) {
    LayerStack<Object> stack = slot.stack;
    if (stack != null) {
      List<OptimisticLayer<Object>> failed = stack.takeFailed();
      if (failed != null) {
        for (OptimisticLayer<Object> layer : failed) {
          sink.failed(key, layer.owner, Objects.requireNonNull(layer.failure));
        }
      }
      if (stack.isEmpty()) {
        slot.stack = null;
        withIntents.remove(key);
        slot.confirmed = after;
      } else {
        slot.confirmed = Objects.requireNonNull(stack.confirmed());
      }
    }
    slot.visible = after;
    if (slot.confirmed != ABSENT || after == ABSENT) {
      slot.insertedBy = null;
    }
    if (slot.stack == null && slot.confirmed == ABSENT && slot.revision == NO_REVISION) {
      slots.remove(key, slot);
    }
    if (before != after) {
      size += (before == ABSENT ? 1 : 0) - (after == ABSENT ? 1 : 0);
      rows = null;
      sink.changed(key, row(before), row(after));
    }
  }

  @SuppressWarnings("unchecked") // a slot holds rows of the store's type, or the marker
  private @Nullable R row(Object value) {
    return value == ABSENT ? null : (R) value;
  }

  /** A row's name in reports: its collection and key. */
  private record RowName(Object collection, Object key) {
    @Override
    public String toString() {
      return "row " + key + " of " + collection;
    }
  }
}
