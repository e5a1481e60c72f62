package dev.querycache.internal.collection;

import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.collection.ChangeType;
import dev.querycache.collection.DuplicateKeyException;
import dev.querycache.collection.KeyChangedException;
import dev.querycache.collection.MalformedRowIdException;
import dev.querycache.collection.MissingHandlerException;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowChange;
import dev.querycache.collection.RowChangedInPlaceException;
import dev.querycache.collection.RowIds;
import dev.querycache.collection.RowPush;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionWrites;
import dev.querycache.collection.UnknownKeyException;
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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
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
  private final EngineRuntime runtime;
  private final QueryEngine queries;
  private final QueryKey<List<R>> key;
  /** What a transaction that wrote its rows invalidates when it settles: its query. */
  private final QueryFilter settleFilter;
  private final Function<? super R, ? extends K> keyOf;
  private final String name;
  /** Whether its inserts' keys must be row ids minted by the client. */
  private final boolean mintedIds;
  /** How to copy a row that is a mutable bean before an update changes it, or null. */
  private final @Nullable UnaryOperator<R> copier;
  private final RowStore<K, R> store;
  private final @Nullable MutationCore<TransactionCore, Boolean, Void> inserts;
  private final @Nullable MutationCore<TransactionCore, Boolean, Void> updates;
  private final @Nullable MutationCore<TransactionCore, Boolean, Void> deletes;
  private final CopyOnWriteArrayList<Consumer<? super List<RowChange<K, R>>>> listeners = new CopyOnWriteArrayList<>();
  /** Whether anyone listens now: the store's operations collect changed rows only then. */
  private final BooleanSupplier listened = () -> !listeners.isEmpty();
  private final AutoCloseable mirroring;
  private final AutoCloseable observing;
  private final AtomicBoolean closed = new AtomicBoolean();

  CollectionCore(CollectionDraft<K, R> draft) {
    MutationEngine mutations = draft.mutations;
    this.runtime = mutations.runtime;
    this.queries = mutations.queries;
    this.key = draft.source.key();
    this.settleFilter = QueryFilter.exact(key);
    this.keyOf = draft.keyOf;
    this.name = draft.name != null ? draft.name : key.toString();
    this.mintedIds = draft.mintedIds;
    this.copier = draft.copier;
    this.store = new RowStore<>(name, runtime.notifier, keyOf);
    String message = draft.errorMessage != null ? draft.errorMessage : TransactionPersister.DEFAULT_ERROR_MESSAGE;
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
   * What persists this collection's own transactions of one operation through
   * {@code handler}, or null without a handler.
   */
  private @Nullable MutationCore<TransactionCore, Boolean, Void> persister(
      MutationEngine mutations, CollectionDraft.@Nullable Handler<K, R> handler, String operation, String message) {
    if (handler == null) {
      return null;
    }
    var blocking = handler.blocking();
    var async = handler.async();
    return TransactionPersister.of(mutations, name + " " + operation, message,
        blocking == null ? null : tx -> {
          blocking.persist(tx.changesOf(this));
          return Boolean.TRUE;
        },
        async == null ? null : tx -> TransactionPersister.answerOf(Objects.requireNonNull(
                async.persist(tx.changesOf(this)), () -> "the " + operation + " handler of " + name + " returned null, not a stage")));
  }

  String name() {
    return name;
  }

  QueryFilter settleFilter() {
    return settleFilter;
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
    return direct(inserts, ChangeType.INSERT, rows, "rows", writes -> {
      for (R row : rows) {
        writes.insert(this, Objects.requireNonNull(row, "a row is null"));
      }
    });
  }

  @Override
  public Transaction update(K key, UnaryOperator<R> change) {
    return update(List.of(Objects.requireNonNull(key, "key == null")), change);
  }

  @Override
  public Transaction update(Collection<? extends K> keys, UnaryOperator<R> change) {
    Objects.requireNonNull(keys, "keys == null");
    Objects.requireNonNull(change, "change == null");
    return direct(updates, ChangeType.UPDATE, keys, "keys", writes -> {
      for (K rowKey : distinct(keys)) {
        writes.update(this, rowKey, change);
      }
    });
  }

  @Override
  public Transaction delete(K key) {
    return delete(List.of(Objects.requireNonNull(key, "key == null")));
  }

  @Override
  public Transaction delete(Collection<? extends K> keys) {
    Objects.requireNonNull(keys, "keys == null");
    return direct(deletes, ChangeType.DELETE, keys, "keys", writes -> {
      for (K rowKey : distinct(keys)) {
        writes.delete(this, rowKey);
      }
    });
  }

  /**
   * A write of the collection's own: after the checks every write makes first, a transaction
   * of its own, written by {@code writes} (all or, if one is refused, nothing) and committed.
   */
  private Transaction direct(
      @Nullable MutationCore<TransactionCore, Boolean, Void> persister, ChangeType type, Collection<?> items,
      String argument, Consumer<TransactionWrites> writes) {
    runtime.checkOpen();
    if (items.isEmpty()) {
      throw new IllegalArgumentException(argument + " is empty: name the rows to " + type.name().toLowerCase(Locale.ROOT));
    }
    if (persister == null) {
      throw new MissingHandlerException(type, name);
    }
    TransactionCore tx = new TransactionCore(runtime, queries, name, persister, false);
    tx.write(writes);
    tx.commit();
    return tx;
  }

  private static <K> Collection<? extends K> distinct(Collection<? extends K> keys) {
    if (keys.size() == 1) {
      Objects.requireNonNull(keys.iterator().next(), "a key is null");
      return keys; // one key: distinct already
    }
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

  /**
   * {@code change} applied to {@code row} (to a copy of it, if the collection has a copier),
   * checked: never null, never the row itself unless it is a record, same key.
   */
  private R changed(K rowKey, R row, UnaryOperator<R> change) {
    UnaryOperator<R> copy = copier;
    R given = copy == null ? row : copyOf(rowKey, row, copy);
    R modified = runtime.notifier.applying(change, given);
    if (modified == null) {
      throw new NullPointerException("the update of row " + rowKey + " of " + name + " returned null");
    }
    if (modified == row && copy == null && !(row instanceof Record)) {
      throw new RowChangedInPlaceException(rowKey, name);
    }
    K newKey = keyOf.apply(modified);
    if (!rowKey.equals(newKey)) {
      throw new KeyChangedException(rowKey, newKey == null ? "null" : newKey, name);
    }
    return modified;
  }

  /** A copy of {@code row} by {@code copier}, which must be a new object. */
  private R copyOf(K rowKey, R row, UnaryOperator<R> copier) {
    R copy = runtime.notifier.applying(copier, row);
    if (copy == null || copy == row) {
      throw new IllegalStateException("the copier of " + name + " returned " + (copy == null ? "null" : "the row it was given")
          + " for row " + rowKey + ": it must return a new copy, such as new Task(task); nothing was applied");
    }
    return copy;
  }

  /** A write of {@code tx} to a row another transaction inserted relies on that one: it fails if that one fails. */
  private void reliance(TransactionCore tx, K rowKey) {
    if (store.insertedBy(rowKey) instanceof TransactionCore inserter && inserter != tx) {
      tx.reliesOn(inserter);
    }
  }

  /** {@code tx} inserts {@code row}: merged with what it wrote to the row before, and painted. */
  void insertIn(TransactionCore tx, R row) {
    K rowKey = Objects.requireNonNull(keyOf.apply(row), () -> "the key of " + row + " is null");
    if (mintedIds) {
      requireRowId(rowKey);
    }
    if (store.contains(rowKey)) {
      throw new DuplicateKeyException(rowKey, name);
    }
    if (mintedIds) {
      tx.useWriteKeyIfNone((String) rowKey); // the id doubles as the write's idempotency key
    }
    RowIntent<R> before = tx.intent(this, rowKey);
    paint(tx, rowKey, before != null && before.type == ChangeType.DELETE ? before.thenInsert(row) : RowIntent.inserted(row));
  }

  /** Refuses a new row's key that is not a row id minted by the client. */
  private void requireRowId(K rowKey) {
    String argument = "the key of a new row of " + name;
    if (!(rowKey instanceof String id)) {
      throw new MalformedRowIdException(rowKey.toString(), argument,
          "it is a " + rowKey.getClass().getSimpleName() + ", not a String");
    }
    RowIds.requireValid(id, argument);
  }

  /** {@code tx} updates the row of {@code rowKey} with {@code change}: merged, and painted. */
  void updateIn(TransactionCore tx, K rowKey, UnaryOperator<R> change) {
    R current = shown(rowKey);
    reliance(tx, rowKey);
    RowIntent<R> before = tx.intent(this, rowKey);
    UnaryOperator<R> again = row -> changed(rowKey, row, change);
    R own = before == null ? null : before.modified; // its own row: the transaction's writes alone
    paint(tx, rowKey, before == null || own == null
        ? RowIntent.updated(current, changed(rowKey, current, change), again)
        : before.thenUpdate(changed(rowKey, own, change), again));
  }

  /** {@code tx} deletes the row of {@code rowKey}: merged, and painted. */
  void deleteIn(TransactionCore tx, K rowKey) {
    R current = shown(rowKey);
    reliance(tx, rowKey);
    RowIntent<R> before = tx.intent(this, rowKey);
    paint(tx, rowKey, before == null ? RowIntent.deleted(current) : before.thenDelete());
  }

  /**
   * Step 1 for one row: cancels the query's refetch in flight and paints {@code intent} as
   * {@code tx}'s on {@code rowKey} (none: takes its intent away). What the intent throws the
   * first time propagates, and then nothing changed.
   */
  private void paint(TransactionCore tx, K rowKey, @Nullable RowIntent<R> intent) {
    boolean fetching = queries.cancelRefetch(key); // and whether a first load is still in flight
    RowChanges<K, R> sink = tx.sinkFor(this);
    if (intent == null) {
      store.remove(tx, List.of(rowKey), fetching, sink);
    } else {
      store.paint(tx, tx.order, rowKey, intent.patch(tx), intent.constant(), fetching, sink);
    }
    tx.record(this, rowKey, intent);
  }

  /** Puts back {@code before} as {@code tx}'s intent on {@code rowKey}: the undo of a refused {@code mutate} call. */
  @SuppressWarnings("unchecked") // the collection's intents are of its row type
  void restore(TransactionCore tx, Object rowKey, @Nullable RowIntent<?> before) {
    RowChanges<K, R> sink = tx.sinkFor(this);
    try {
      if (before == null) {
        store.remove(tx, List.of((K) rowKey), queries.isFetching(key), sink);
      } else {
        store.paint(tx, tx.order, (K) rowKey, before.patch(tx), before.constant(), queries.isFetching(key), sink);
      }
    } catch (RuntimeException e) {
      Callbacks.report("undoing a refused write", name, e);
    }
  }

  /** {@code tx}'s {@code intent} on {@code rowKey}, as its handler sees it. */
  @SuppressWarnings("unchecked") // the collection's keys and intents are of its types
  PendingChange<K, R> change(TransactionCore tx, Object rowKey, RowIntent<?> intent) {
    RowIntent<R> typed = (RowIntent<R>) intent;
    return PendingChange.of(typed.type, (K) rowKey, typed.original, typed.modified, this, tx);
  }

  /** Whether the collection is of the client whose runtime is {@code other}. */
  boolean belongsTo(EngineRuntime other) {
    return runtime == other;
  }

  // ---- a transaction's outcome ----------------------------------------------------------------

  @SuppressWarnings("unchecked") // the collection's keys
  void succeeded(TransactionCore tx, Set<Object> keys, long sequence) {
    store.succeeded(tx, (Collection<K>) (Collection<?>) keys, sequence);
  }

  @SuppressWarnings("unchecked") // the collection's keys
  void rollBack(TransactionCore tx, Set<Object> keys) {
    RowChanges<K, R> sink = newSink();
    store.remove(tx, (Collection<K>) (Collection<?>) keys, queries.isFetching(key), sink);
    deliver(sink);
  }

  @SuppressWarnings("unchecked") // the collection's keys
  void settled(TransactionCore tx, Set<Object> keys) {
    RowChanges<K, R> sink = newSink();
    store.settled(tx, (Collection<K>) (Collection<?>) keys, queries.isFetching(key), sink);
    deliver(sink);
  }

  // ---- server data ----------------------------------------------------------------------------

  @Override
  @SuppressWarnings("unchecked") // the query's data is its list of rows
  public void landed(Object data, long fetchSequence) {
    RowChanges<K, R> sink = newSink();
    try {
      store.landAll((List<? extends R>) data, fetchSequence, sink);
    } catch (RuntimeException e) {
      Callbacks.report("the rows of a collection landing", name, e);
      return;
    }
    deliver(sink);
  }

  @Override
  public void fetchEndedWithoutData(long fetchSequence) {
    RowChanges<K, R> sink = newSink();
    store.fetchEndedWithoutData(fetchSequence, sink);
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
    RowChanges<K, R> sink = newSink();
    store.landRows(upserts, deletes, sink);
    deliver(sink);
  }

  @Override
  public void applyPush(RowPush<K, R> push) {
    applyPush(List.of(Objects.requireNonNull(push, "push == null")));
  }

  @Override
  public void applyPush(List<? extends RowPush<K, R>> pushes) {
    Objects.requireNonNull(pushes, "pushes == null");
    List<K> keys = new ArrayList<>(pushes.size()); // all first: a null changes nothing
    for (RowPush<K, R> push : pushes) {
      Objects.requireNonNull(push, "a push is null");
      keys.add(push.isDelete()
          ? push.deletedKey().orElseThrow()
          : Objects.requireNonNull(keyOf.apply(push.row().orElseThrow()), () -> "the key of " + push + " is null"));
    }
    RowChanges<K, R> sink = newSink();
    store.landPushes(keys, pushes, runtime.nextSequence(), sink);
    deliver(sink);
  }

  // ---- listeners ------------------------------------------------------------------------------

  @Override
  public AutoCloseable onChange(Consumer<? super List<RowChange<K, R>>> listener) {
    Objects.requireNonNull(listener, "listener == null");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Where an operation on the store collects what it did: the changed rows while anyone listens. */
  RowChanges<K, R> newSink() {
    return new RowChanges<>(listened);
  }

  /**
   * After an operation on the store, outside its locks: the owners of intents that failed are
   * told, and the listeners hear of the changed rows on the notify executor.
   */
  private void deliver(RowChanges<K, R> sink) {
    if (sink.isEmpty()) {
      return;
    }
    List<RowChanges.FailedIntent<K>> failures = sink.failed();
    for (int i = 0; i < failures.size(); i++) { // mostly none: no iterator
      RowChanges.FailedIntent<K> failed = failures.get(i);
      runtime.notifier.later(() -> failed.owner().layerFailed(key, failed.error()));
    }
    List<RowChange<K, R>> coalesced = sink.coalesced();
    if (coalesced.isEmpty() || listeners.isEmpty() || closed.get()) {
      return;
    }
    List<RowChange<K, R>> changes = List.copyOf(coalesced);
    runtime.notifier.later(() -> runtime.notifier.post(() -> {
      for (Consumer<? super List<RowChange<K, R>>> listener : listeners) {
        Callbacks.run("a collection's change listener", name, () -> listener.accept(changes));
      }
    }));
  }

  /** Tells {@code collection}'s listeners what {@code sink} collected for it. */
  @SuppressWarnings("unchecked") // a collection's changes are of its types
  static <K, R> void deliverOf(CollectionCore<K, R> collection, RowChanges<?, ?> sink) {
    collection.deliver((RowChanges<K, R>) sink);
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
