package dev.querycache.internal.query;

import dev.querycache.QueryKey;
import dev.querycache.internal.layer.LayerOwner;
import dev.querycache.internal.layer.LayerStack;
import dev.querycache.internal.layer.OptimisticLayer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The layers one {@link LayerOwner} holds across queries, and what it took before painting
 * them: the bookkeeping every owner needs (a mutation run, a rapid-toggle channel, later a
 * transaction), kept in one place. It cancels, snapshots and patches a key (step 1 of the
 * cycle), and removes, marks succeeded and settles all of its owner's layers together.
 *
 * <p>Two ways to paint: an owner that <em>stacks</em> (a run) adds a layer per patch; an owner
 * that <em>replaces</em> (a channel) keeps one layer per query, the patches of its latest
 * call: a call's first patch of a query replaces what an earlier call painted there, its
 * further patches of that query compose with it, and an older call that paints late (another
 * thread) leaves the newer call's layer alone.
 *
 * <p>Thread-safe: patches of one query run inside the cache's compute for its key; the
 * bookkeeping is guarded by this.
 */
public final class OwnerLayers {
  /** Marks a snapshot of a key that had no data. */
  private static final Object NO_DATA = new Object();

  private final QueryEngine queries;
  private final LayerOwner owner;
  private final long order;
  private final boolean replaces;
  /**
   * Visible data of each patched key before this owner patched it; guarded by this. Empty and
   * immutable until the first patch: most owners (a transaction of rows alone) never patch.
   */
  private Map<QueryKey<?>, Object> snapshots = Map.of();
  /** The queries holding this owner's layers, with the call that painted each; guarded by this. */
  private Map<Query<?>, Painted<?>> patched = Map.of();
  /**
   * Whether it has patched anything, read without the lock: an owner that never patched (the
   * run of a transaction of rows) answers its run's settle steps without taking it.
   */
  private volatile boolean painted;

  /** What a replacing owner's layer on one query is made of: a call's patches there, composed. */
  private static final class Painted<T> {
    final long call;
    final UnaryOperator<T> patch;
    final boolean constant;

    Painted(long call, UnaryOperator<T> patch, boolean constant) {
      this.call = call;
      this.patch = patch;
      this.constant = constant;
    }
  }

  /**
   * The layers of {@code owner}, which apply in the start order {@code order}; a
   * {@code replacing} owner keeps one layer per query.
   */
  public OwnerLayers(QueryEngine queries, LayerOwner owner, long order, boolean replacing) {
    this.queries = queries;
    this.owner = owner;
    this.order = order;
    this.replaces = replacing;
  }

  /**
   * Cancel, snapshot, patch: one key's part of step 1, for the call {@code call} (a replacing
   * owner's calls are numbered in the order they began). What the patch throws, applied the
   * first time, propagates, and the key is left as it was.
   */
  public <T> void patch(QueryKey<T> key, UnaryOperator<T> patch, boolean constant, long call) {
    Query<T> existing = queries.cache.get(key);
    if (existing != null && existing.state().data() != null) {
      // A refetch in flight would only bring data the layer has to be applied to again; a
      // first load is left to go on (the layer applies when its data lands), so a write that
      // waits (offline, behind its scope) does not leave the screen empty.
      queries.cache.cancel(existing);
    }
    Object[] before = new Object[1];
    Query<T> query =
        Objects.requireNonNull(
            queries.cache.compute(
                key,
                queries.resolve(key, null),
                live -> {
                  before[0] = replaces ? paintOver(live, patch, constant, call) : stack(live, patch, constant);
                  return live;
                }));
    synchronized (this) {
      if (patched.isEmpty()) {
        snapshots = new LinkedHashMap<>();
        patched = new LinkedHashMap<>();
        painted = true;
      }
      snapshots.putIfAbsent(key, before[0]);
      patched.putIfAbsent(query, null);
    }
  }

  private <T> Object stack(Query<T> query, UnaryOperator<T> patch, boolean constant) {
    T before = query.addLayer(new OptimisticLayer<>(owner, order, patch, constant), false);
    return before == null ? NO_DATA : before;
  }

  /** A replacing owner's paint, inside the compute for the query's key. */
  @SuppressWarnings("unchecked") // a query's painted patches are of its data type
  private <T> Object paintOver(Query<T> query, UnaryOperator<T> patch, boolean constant, long call) {
    Painted<T> earlier;
    synchronized (this) {
      earlier = (Painted<T>) patched.get(query);
    }
    Painted<T> next;
    if (earlier == null || earlier.call < call) {
      next = new Painted<>(call, patch, constant);
    } else if (earlier.call == call) {
      UnaryOperator<T> first = earlier.patch;
      next = new Painted<>(call, data -> patch.apply(first.apply(data)), earlier.constant || constant);
    } else {
      T now = query.state().data(); // a newer call painted already: this one is outrun
      return now == null ? NO_DATA : now;
    }
    T before = query.addLayer(new OptimisticLayer<>(owner, order, next.patch, next.constant), true);
    synchronized (this) {
      if (patched.isEmpty()) {
        snapshots = new LinkedHashMap<>();
        patched = new LinkedHashMap<>();
        painted = true;
      }
      patched.put(query, next);
    }
    return before == null ? NO_DATA : before;
  }

  /** The visible data of {@code key} before this owner patched it, or null if it did not. */
  public @Nullable Object snapshot(QueryKey<?> key) {
    if (!painted) {
      return null;
    }
    synchronized (this) {
      return snapshots.get(key);
    }
  }

  /** Whether a snapshot value stands for "the key had no data". */
  public static boolean isNoData(Object snapshot) {
    return snapshot == NO_DATA;
  }

  /** The keys holding this owner's layers, in the order they were first patched. */
  public List<QueryKey<?>> keys() {
    if (!painted) {
      return List.of();
    }
    synchronized (this) {
      List<QueryKey<?>> keys = new ArrayList<>(patched.size());
      for (Query<?> query : patched.keySet()) {
        keys.add(query.key);
      }
      return keys;
    }
  }

  private List<Query<?>> queries() {
    if (!painted) {
      return List.of();
    }
    synchronized (this) {
      return new ArrayList<>(patched.keySet());
    }
  }

  /** Removes every layer of the owner: its rollback. */
  public void remove() {
    for (Query<?> query : queries()) {
      queries.cache.compute(query.key, null, live -> live == query && query.removeLayers(owner));
      if (query.isRemoved()) {
        query.removeLayers(owner); // left the cache meanwhile: keep its state tidy all the same
      }
    }
  }

  /** The owner's write succeeded at the client sequence {@code sequence}. */
  public void succeeded(long sequence) {
    for (Query<?> query : queries()) {
      query.layersSucceeded(owner, sequence);
    }
  }

  /** The owner's settle step is done: its layers stop pinning their queries and may fold. */
  public void settle() {
    for (Query<?> query : queries()) {
      queries.cache.compute(query.key, null, live -> {
        if (live == query) {
          query.layersSettled(owner);
        }
        return live;
      });
    }
  }

  /** What the owner's layers changed, by key, as they were last applied: what undo reverses. */
  public Map<QueryKey<?>, LayerStack.Change<?>> changes() {
    Map<QueryKey<?>, LayerStack.Change<?>> out = new LinkedHashMap<>();
    for (Query<?> query : queries()) {
      LayerStack.Change<?> change = query.changeBy(owner);
      if (change != null) {
        out.put(query.key, change);
      }
    }
    return out;
  }
}
