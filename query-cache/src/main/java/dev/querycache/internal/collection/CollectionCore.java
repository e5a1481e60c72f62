package dev.querycache.internal.collection;

import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.collection.ChangeType;
import dev.querycache.collection.DuplicateKeyException;
import dev.querycache.collection.KeyChangedException;
import dev.querycache.collection.MissingHandlerException;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowChange;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.UnknownKeyException;
import dev.querycache.internal.mutation.MutationConfig;
import dev.querycache.internal.mutation.MutationCore;
import dev.querycache.internal.mutation.MutationEngine;
import dev.querycache.internal.query.DataMirror;
import dev.querycache.internal.query.QueryEngine;
import dev.querycache.internal.runtime.Callbacks;
import dev.querycache.internal.runtime.EngineRuntime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A keyed collection: its {@link RowStore}, fed by its query's landings (it is the query's
 * {@link DataMirror}) and by rows written back; its writes, each a transaction whose intents
 * it paints and whose handler runs as a run of an internal optimistic mutation (so the
 * mutation cycle holds: cancel and patch first, restore on error, invalidate on settle, the
 * error toast and no success toast, retries, network modes, hooks and devtools); and its
 * listeners, told of each change of the rows on the notify executor.
 */
final class CollectionCore<K, R> implements QueryCollection<K, R>, DataMirror {
  private static final String DEFAULT_ERROR_MESSAGE = "The change could not be saved";

  private final EngineRuntime runtime;
  private final QueryEngine queries;
  private final QueryKey<List<R>> key;
  private final Function<? super R, ? extends K> keyOf;
  private final String name;
  private final RowStore<K, R> store;
  private final @Nullable MutationCore<TransactionCore<K, R>, Boolean, Void> inserts;
  private final @Nullable MutationCore<TransactionCore<K, R>, Boolean, Void> updates;
  private final @Nullable MutationCore<TransactionCore<K, R>, Boolean, Void> deletes;
  private final CopyOnWriteArrayList<Consumer<? super List<RowChange<K, R>>>> listeners = new CopyOnWriteArrayList<>();
  private final AutoCloseable mirroring;
  private final AutoCloseable observing;
  private final AtomicBoolean closed = new AtomicBoolean();

  CollectionCore(CollectionDraft<K, R> draft) {
    MutationEngine mutations = draft.mutations;
    this.runtime = mutations.runtime;
    this.queries = mutations.queries;
    this.key = draft.source.key();
    this.keyOf = draft.keyOf;
    this.name = draft.name != null ? draft.name : key.toString();
    this.store = new RowStore<>(name, runtime.notifier, keyOf);
    String message = draft.errorMessage != null ? draft.errorMessage : DEFAULT_ERROR_MESSAGE;
    this.inserts = persister(mutations, draft.onInsert, "insert", message);
    this.updates = persister(mutations, draft.onUpdate, "update", message);
    this.deletes = persister(mutations, draft.onDelete, "delete", message);
    this.mirroring = queries.mirror(key, this);
    AutoCloseable observer;
    try {
      observer = draft.observe.apply(draft.source);
    } catch (RuntimeException e) {
      closeQuietly(mirroring);
      throw e;
    }
    this.observing = observer;
  }

  /**
   * The internal optimistic mutation that persists this collection's transactions of one
   * operation through {@code handler}, or null without a handler.
   */
  private @Nullable MutationCore<TransactionCore<K, R>, Boolean, Void> persister(
      MutationEngine mutations, CollectionDraft.@Nullable Handler<K, R> handler, String operation, String message) {
    if (handler == null) {
      return null;
    }
    MutationConfig.Draft<TransactionCore<K, R>, Boolean, Void> draft;
    if (handler.blocking() != null) {
      var blocking = handler.blocking();
      draft = MutationConfig.Draft.blocking(tx -> {
        blocking.persist(tx.typedChanges());
        return Boolean.TRUE;
      });
    } else {
      var async = Objects.requireNonNull(handler.async());
      draft = MutationConfig.Draft.async(tx -> Objects.requireNonNull(
              async.persist(tx.typedChanges()), () -> "the " + operation + " handler of " + name + " returned null, not a stage")
          .thenApply(answer -> Boolean.TRUE));
    }
    draft.name = name + " " + operation;
    draft.optimistic = true;
    draft.errorMessage = tx -> message;
    draft.settleInvalidations.add(tx -> List.of(QueryFilter.exact(key)));
    draft.onSuccess = (result, tx, context) -> {
      tx.succeeded();
      return null;
    };
    draft.onError = (error, tx, context) -> {
      tx.failed(error);
      return null;
    };
    draft.onSettled = (result, error, tx, context) -> {
      tx.settled();
      return null;
    };
    return new MutationCore<>(mutations, draft.freeze());
  }

  String name() {
    return name;
  }

  // ---- reads --------------------------------------------------------------------------------

  @Override
  public QueryKey<List<R>> key() {
    return key;
  }

  @Override
  public Optional<R> get(K key) {
    return Optional.ofNullable(store.get(Objects.requireNonNull(key, "key == null")));
  }

  @Override
  public boolean contains(K key) {
    return store.contains(Objects.requireNonNull(key, "key == null"));
  }

  @Override
  public List<R> rows() {
    return store.rows();
  }

  @Override
  public int size() {
    return store.size();
  }

  // ---- writes -------------------------------------------------------------------------------

  @Override
  public Transaction insert(R row) {
    return insert(List.of(Objects.requireNonNull(row, "row == null")));
  }

  @Override
  public Transaction insert(List<? extends R> rows) {
    Objects.requireNonNull(rows, "rows == null");
    MutationCore<TransactionCore<K, R>, Boolean, Void> persister = handlerFor(inserts, ChangeType.INSERT, rows, "rows");
    Set<K> seen = new LinkedHashSet<>();
    List<PendingChange<K, R>> changes = new ArrayList<>(rows.size());
    for (R row : rows) {
      Objects.requireNonNull(row, "a row is null");
      K rowKey = Objects.requireNonNull(keyOf.apply(row), () -> "the key of " + row + " is null");
      if (!seen.add(rowKey) || store.contains(rowKey)) {
        throw new DuplicateKeyException(rowKey, name);
      }
      changes.add(PendingChange.of(ChangeType.INSERT, rowKey, null, row, this));
    }
    return begin(persister, changes, change -> {
      R inserted = Objects.requireNonNull(change.modified());
      return row -> RowStore.isAbsent(row) ? inserted : row; // the server's row, once it has one, stands
    }, false);
  }

  @Override
  public Transaction update(K key, UnaryOperator<R> change) {
    return update(List.of(Objects.requireNonNull(key, "key == null")), change);
  }

  @Override
  @SuppressWarnings("unchecked") // the store's rows are R, or its marker for none
  public Transaction update(Collection<? extends K> keys, UnaryOperator<R> change) {
    Objects.requireNonNull(keys, "keys == null");
    Objects.requireNonNull(change, "change == null");
    MutationCore<TransactionCore<K, R>, Boolean, Void> persister = handlerFor(updates, ChangeType.UPDATE, keys, "keys");
    List<PendingChange<K, R>> changes = new ArrayList<>(keys.size());
    for (K rowKey : distinct(keys)) {
      R current = shown(rowKey);
      changes.add(PendingChange.of(ChangeType.UPDATE, rowKey, current, changed(rowKey, current, change), this));
    }
    return begin(persister, changes, pending -> {
      R original = Objects.requireNonNull(pending.original());
      R modified = Objects.requireNonNull(pending.modified());
      return row -> row == original ? modified : RowStore.isAbsent(row) ? row : changed(pending.key(), (R) row, change);
    }, false);
  }

  @Override
  public Transaction delete(K key) {
    return delete(List.of(Objects.requireNonNull(key, "key == null")));
  }

  @Override
  public Transaction delete(Collection<? extends K> keys) {
    Objects.requireNonNull(keys, "keys == null");
    MutationCore<TransactionCore<K, R>, Boolean, Void> persister = handlerFor(deletes, ChangeType.DELETE, keys, "keys");
    List<PendingChange<K, R>> changes = new ArrayList<>(keys.size());
    for (K rowKey : distinct(keys)) {
      changes.add(PendingChange.of(ChangeType.DELETE, rowKey, shown(rowKey), null, this));
    }
    return begin(persister, changes, change -> row -> RowStore.absent(), true);
  }

  /** The persister of an operation, after the checks every write makes first. */
  private MutationCore<TransactionCore<K, R>, Boolean, Void> handlerFor(
      @Nullable MutationCore<TransactionCore<K, R>, Boolean, Void> persister, ChangeType type, Collection<?> items,
      String argument) {
    runtime.checkOpen();
    if (items.isEmpty()) {
      throw new IllegalArgumentException(argument + " is empty: name the rows to " + type.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (persister == null) {
      throw new MissingHandlerException(type, name);
    }
    return persister;
  }

  private static <K> Set<K> distinct(Collection<? extends K> keys) {
    Set<K> distinct = new LinkedHashSet<>(keys.size() * 2);
    for (K rowKey : keys) {
      distinct.add(Objects.requireNonNull(rowKey, "a key is null"));
    }
    return distinct;
  }

  /** The row shown for {@code rowKey}; an update or a delete of a row not shown is refused. */
  private R shown(K rowKey) {
    R current = store.get(rowKey);
    if (current == null) {
      throw new UnknownKeyException(rowKey, name);
    }
    return current;
  }

  /** {@code change} applied to {@code row}, checked: never null, same key. */
  private R changed(K rowKey, R row, UnaryOperator<R> change) {
    R modified = runtime.notifier.applying(change, row);
    if (modified == null) {
      throw new NullPointerException("the update of row " + rowKey + " of " + name + " returned null");
    }
    K newKey = keyOf.apply(modified);
    if (!rowKey.equals(newKey)) {
      throw new KeyChangedException(rowKey, newKey == null ? "null" : newKey, name);
    }
    return modified;
  }

  /**
   * Step 1 and the commit: a transaction of {@code changes} cancels the query's refetch in
   * flight, paints its intents (all or, if one throws, none), and persists. {@code patchOf}
   * makes each change's intent; {@code constant}, whether intents ignore their row.
   */
  private Transaction begin(
      MutationCore<TransactionCore<K, R>, Boolean, Void> persister, List<PendingChange<K, R>> changes,
      Function<PendingChange<K, R>, UnaryOperator<Object>> patchOf, boolean constant) {
    TransactionCore<K, R> tx = new TransactionCore<>(this, runtime.nextSequence(), changes);
    queries.cancelRefetch(key);
    boolean fetching = queries.isFetching(key);
    RowChanges<K, R> sink = new RowChanges<>();
    List<K> painted = new ArrayList<>(changes.size());
    try {
      for (PendingChange<K, R> change : changes) {
        store.paint(tx, tx.order, change.key(), patchOf.apply(change), constant, fetching, sink);
        painted.add(change.key());
      }
    } catch (RuntimeException | Error e) {
      store.remove(tx, painted, fetching, sink);
      deliver(sink);
      throw e;
    }
    deliver(sink);
    tx.persisting();
    persister.mutate(tx).whenComplete((result, error) -> {
      if (error != null) {
        tx.failed(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
      }
    });
    return tx;
  }

  // ---- a transaction's outcome ----------------------------------------------------------------

  void succeeded(TransactionCore<K, R> tx) {
    store.succeeded(tx, tx.keys(), runtime.nextSequence());
  }

  void rollBack(TransactionCore<K, R> tx) {
    RowChanges<K, R> sink = new RowChanges<>();
    store.remove(tx, tx.keys(), queries.isFetching(key), sink);
    deliver(sink);
  }

  void settled(TransactionCore<K, R> tx) {
    RowChanges<K, R> sink = new RowChanges<>();
    store.settled(tx, tx.keys(), queries.isFetching(key), sink);
    deliver(sink);
  }

  // ---- server data ----------------------------------------------------------------------------

  @Override
  @SuppressWarnings("unchecked") // the query's data is its list of rows
  public void landed(Object data, long fetchSequence) {
    RowChanges<K, R> sink = new RowChanges<>();
    try {
      store.landAll((List<? extends R>) data, fetchSequence, sink);
    } catch (RuntimeException e) {
      Callbacks.report("the rows of a collection landing", name, e);
      return;
    }
    deliver(sink);
  }

  @Override
  public void writeRows(Collection<? extends R> upserts, Collection<? extends K> deletes) {
    Objects.requireNonNull(upserts, "upserts == null");
    Objects.requireNonNull(deletes, "deletes == null");
    for (R row : upserts) {
      Objects.requireNonNull(keyOf.apply(Objects.requireNonNull(row, "a row is null")), () -> "the key of " + row + " is null");
    }
    for (K rowKey : deletes) {
      Objects.requireNonNull(rowKey, "a key is null");
    }
    RowChanges<K, R> sink = new RowChanges<>();
    store.landRows(upserts, deletes, sink);
    deliver(sink);
  }

  // ---- listeners ------------------------------------------------------------------------------

  @Override
  public AutoCloseable onChange(Consumer<? super List<RowChange<K, R>>> listener) {
    Objects.requireNonNull(listener, "listener == null");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * After an operation on the store, outside its locks: the owners of intents that failed are
   * told, and the listeners hear of the changed rows on the notify executor.
   */
  private void deliver(RowChanges<K, R> sink) {
    if (sink.isEmpty()) {
      return;
    }
    for (RowChanges.FailedIntent<K> failed : sink.failed()) {
      runtime.notifier.later(() -> failed.owner().layerFailed(key, failed.error()));
    }
    if (sink.changes().isEmpty() || listeners.isEmpty() || closed.get()) {
      return;
    }
    List<RowChange<K, R>> changes = List.copyOf(sink.changes());
    runtime.notifier.later(() -> runtime.notifier.post(() -> {
      for (Consumer<? super List<RowChange<K, R>>> listener : listeners) {
        Callbacks.run("a collection's change listener", name, () -> listener.accept(changes));
      }
    }));
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      listeners.clear();
      closeQuietly(observing);
      closeQuietly(mirroring);
    }
  }

  private void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      Callbacks.report("closing a collection", name, e);
    }
  }

  /** Such as {@code QueryCollection{todos, 12 rows}}. */
  @Override
  public String toString() {
    return "QueryCollection{" + name + ", " + size() + " rows}";
  }
}
