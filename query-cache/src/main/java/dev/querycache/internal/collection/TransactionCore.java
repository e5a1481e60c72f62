package dev.querycache.internal.collection;

import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.collection.DependentTransactionException;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.RowIds;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionNotPendingException;
import dev.querycache.collection.TransactionRolledBackException;
import dev.querycache.collection.TransactionState;
import dev.querycache.collection.TransactionWrites;
import dev.querycache.internal.collection.TransactionRows.RowRef;
import dev.querycache.internal.layer.LayerOwner;
import dev.querycache.internal.mutation.MutationCore;
import dev.querycache.internal.query.QueryEngine;
import dev.querycache.internal.runtime.EngineRuntime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A transaction, and the owner of its intents: on rows of collections (one intent per row,
 * merged as it is written again, see {@link RowIntent}) and on plain queries (one layer per
 * query, through {@link QueryPatches}, replaced as it is patched again). It paints them as it is
 * written, and on its handler's outcome marks them succeeded, takes them away, or lets them
 * settle. Its handler runs as a run of an internal optimistic mutation ({@code persister}).
 *
 * <p>Thread-safe: writes hold its monitor; its outcome is decided once.
 */
final class TransactionCore implements Transaction, LayerOwner {
  /** A write of a {@code mutate} call, undone if the call throws: the row and what it held before. */
  private record Undo(RowRef row, @Nullable RowIntent<?> before) {}

  private final EngineRuntime runtime;
  private final QueryEngine queries;
  /** The client sequence when it began: its intents apply in this order among owners. */
  final long order;
  /** {@code "tx-" + order}, made when first asked for: most transactions are never named. */
  private volatile @Nullable String id;
  /** Its writes' idempotency key: given, or minted when first asked for (under the monitor); null until then. */
  private volatile @Nullable String writeKey;
  private final String name;
  private final MutationCore<TransactionCore, Boolean, Void> persister;
  private final boolean autoCommit;
  /**
   * The variables of an optimistic action's call, or of the last paced call that joined it,
   * for its handler; null for other transactions.
   */
  volatile @Nullable Object variables;
  /** The paced writes that commit it (their name), or null: the application commits it. */
  private @Nullable String pacedBy;
  /** The rows it has painted, each with its intent there. */
  private final TransactionRows rows = new TransactionRows(); // guarded by this
  /** Its rows by collection, made once it ended (no write changes them from then on). */
  private @Nullable Map<CollectionCore<?, ?>, Set<Object>> rowsAtEnd; // guarded by this
  /** Its changes to plain queries, made at its first; null until then (written under the monitor). */
  private volatile @Nullable QueryPatches queryPatches;
  private @Nullable List<Undo> undo; // guarded by this: the writes of the mutate call under way
  /** What the rows of each collection did during the mutate call under way, told when it ends. */
  private @Nullable CallChanges sinks; // guarded by this
  private @Nullable List<PendingChange<?, ?>> changes; // guarded by this: made when asked for
  /** The transactions whose inserted rows this one wrote during the mutate call under way. */
  private @Nullable List<TransactionCore> relied; // guarded by this
  /** The transactions that wrote rows this one inserted: they fail if it fails. */
  private List<TransactionCore> dependents = List.of(); // guarded by this; immutable and empty until the first
  /** The transactions queued after this one with changes to the same rows: they fail if it fails. */
  private List<TransactionCore> queuedAfter = List.of(); // guarded by this; immutable and empty until the first
  private final CompletableFuture<Transaction> persisted = new CompletableFuture<>();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile TransactionState state = TransactionState.PENDING;
  private volatile @Nullable Throwable error;

  TransactionCore(
      EngineRuntime runtime, QueryEngine queries, String name, MutationCore<TransactionCore, Boolean, Void> persister,
      boolean autoCommit) {
    this(runtime, queries, name, persister, autoCommit, null);
  }

  /** A transaction of an optimistic action's call with {@code variables}. */
  TransactionCore(
      EngineRuntime runtime, QueryEngine queries, String name, MutationCore<TransactionCore, Boolean, Void> persister,
      boolean autoCommit, @Nullable Object variables) {
    this.variables = variables;
    this.runtime = runtime;
    this.queries = queries;
    this.order = runtime.nextSequence();
    this.name = name;
    this.persister = persister;
    this.autoCommit = autoCommit;
  }

  @Override
  public String id() {
    String made = id;
    if (made == null) {
      made = "tx-" + order;
      id = made; // two threads may both make it: equal strings
    }
    return made;
  }

  @Override
  public String writeKey() {
    String key = writeKey;
    if (key != null) {
      return key;
    }
    synchronized (this) {
      if (writeKey == null) {
        writeKey = RowIds.mint();
      }
      return Objects.requireNonNull(writeKey);
    }
  }

  /** Gives it {@code key} as its write key, before anyone asked for one. */
  void useWriteKey(String key) {
    writeKey = key;
  }

  /** Gives it {@code key} as its write key if it has none yet: the id of the first row it inserts with a minted id. */
  synchronized void useWriteKeyIfNone(String key) {
    if (writeKey == null) {
      writeKey = key;
    }
  }

  /** Whether its changes have been sent: its handler has begun (or it ended); reads one volatile field, no lock. */
  boolean wasSent() {
    return state != TransactionState.PENDING;
  }

  /** Whether {@code key} is its write key; reads one volatile field, no lock (see {@link LayerOwner#hasWriteKey}). */
  @Override
  public boolean hasWriteKey(String key) {
    return key.equals(writeKey);
  }

  @Override
  public TransactionState state() {
    return state;
  }

  @Override
  public synchronized List<PendingChange<?, ?>> changes() {
    List<PendingChange<?, ?>> made = changes;
    if (made == null) {
      made = rows.changes(this);
      changes = made;
    }
    return made;
  }

  /** The changes of {@code collection}'s rows, typed, for its handler. */
  @SuppressWarnings("unchecked") // the changes of a collection's rows are of its types
  <K, R> List<PendingChange<K, R>> changesOf(CollectionCore<K, R> collection) {
    synchronized (this) {
      if (rows.onlyCollection() == collection) {
        return (List<PendingChange<K, R>>) (List<?>) changes(); // all of them: the usual case
      }
    }
    List<PendingChange<K, R>> out = new ArrayList<>();
    for (PendingChange<?, ?> change : changes()) {
      if (change.collection() == collection) {
        out.add((PendingChange<K, R>) change);
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public CompletableFuture<Transaction> isPersisted() {
    return persisted;
  }

  @Override
  public Optional<Throwable> error() {
    return Optional.ofNullable(error);
  }

  // ---- writes -------------------------------------------------------------------------------

  @Override
  public Transaction mutate(Consumer<? super TransactionWrites> writes) {
    Objects.requireNonNull(writes, "writes == null");
    write(writes);
    if (autoCommit) {
      commit();
    }
    return this;
  }

  /**
   * Runs {@code writes} with a handle on this transaction; if it throws, undoes what it wrote
   * and rethrows. The transaction stays pending either way.
   */
  synchronized void write(Consumer<? super TransactionWrites> writes) {
    runtime.checkOpen();
    if (state != TransactionState.PENDING) {
      throw new TransactionNotPendingException(id(), "mutate", state);
    }
    if (ended.get()) {
      throw new TransactionNotPendingException(id(), "mutate", TransactionState.FAILED); // failing: its rows go back
    }
    if (undo != null) {
      throw new IllegalStateException("mutate on " + id() + " inside its own mutate: write through the handle you have");
    }
    List<Undo> log = new ArrayList<>(2);
    CallChanges told = new CallChanges();
    List<TransactionCore> reliances = new ArrayList<>(0);
    undo = log;
    sinks = told;
    relied = reliances;
    TransactionHandle handle = new TransactionHandle(this);
    try {
      writes.accept(handle);
      for (TransactionCore inserter : reliances) {
        inserter.addDependent(this);
      }
    } catch (RuntimeException | Error e) {
      for (int i = log.size() - 1; i >= 0; i--) {
        Undo step = log.get(i);
        step.row().collection().restore(this, step.row().key(), step.before());
        put(step.row(), step.before());
      }
      throw e;
    } finally {
      handle.close();
      undo = null;
      sinks = null;
      relied = null;
      told.deliver();
    }
  }

  /**
   * Runs {@code writes} as {@link #write} does, a later call with {@code variables} joining it,
   * if it is still pending; false, running nothing, if its handler has begun or it ended.
   */
  synchronized boolean joinIfPending(Object variables, Consumer<? super TransactionWrites> writes) {
    if (state != TransactionState.PENDING || ended.get()) {
      return false;
    }
    write(writes);
    this.variables = variables;
    return true;
  }

  /** The mutate call under way wrote a row {@code inserter} inserted: if that one fails, so does this. */
  synchronized void reliesOn(TransactionCore inserter) {
    List<TransactionCore> open = Objects.requireNonNull(relied, "a write outside a mutate call");
    if (!open.contains(inserter)) {
      open.add(inserter);
    }
  }

  /** {@code dependent} relies on this transaction; told at once if this one failed already. */
  private void addDependent(TransactionCore dependent) {
    Throwable failure;
    synchronized (this) {
      if (state != TransactionState.FAILED) {
        if (dependents.isEmpty()) {
          dependents = new ArrayList<>(2);
        }
        dependents.add(dependent);
        return;
      }
      failure = error;
    }
    dependent.failed(new DependentTransactionException(dependent.id(), id(), Objects.requireNonNull(failure)));
  }

  /**
   * {@code later}, queued after this transaction, fails if this one fails, when they changed a
   * row or a query in common; true if they did.
   */
  boolean queues(TransactionCore later) {
    if (this == later || !overlaps(later)) {
      return false;
    }
    Throwable failure;
    synchronized (this) {
      if (state != TransactionState.FAILED) {
        if (queuedAfter.isEmpty()) {
          queuedAfter = new ArrayList<>(2);
        }
        queuedAfter.add(later);
        return true;
      }
      failure = error;
    }
    later.failed(queuedFailure(later, Objects.requireNonNull(failure)));
    return true;
  }

  private DependentTransactionException queuedFailure(TransactionCore later, Throwable cause) {
    return new DependentTransactionException(later.id(), id(),
        "it was queued after " + id() + " with changes to the same rows, so it was not sent and its changes left the rows too",
        cause);
  }

  /**
   * Whether it and {@code other} changed a row or a plain query in common. {@code other} is a
   * new transaction no other thread knows yet: its rows are read first, then this one's, each
   * under its own monitor, without copying this one's.
   */
  private boolean overlaps(TransactionCore other) {
    List<RowRef> theirs;
    Set<QueryKey<?>> theirQueries;
    synchronized (other) {
      theirs = other.rows.copy();
      QueryPatches patched = other.queryPatches;
      theirQueries = patched == null ? Set.of() : new LinkedHashSet<>(patched.keys());
    }
    synchronized (this) {
      if (rows.containsAny(theirs)) {
        return true;
      }
      QueryPatches mine = queryPatches;
      if (mine != null) {
        for (QueryKey<?> key : theirQueries) {
          if (mine.keys().contains(key)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** Whether {@code collection} is of this transaction's client. */
  boolean sameClientAs(CollectionCore<?, ?> collection) {
    return collection.belongsTo(runtime);
  }

  /** Where {@code collection}'s row changes of the mutate call under way are collected. */
  synchronized <K, R> RowChanges<K, R> sinkFor(CollectionCore<K, R> collection) {
    return Objects.requireNonNull(sinks, "a write outside a mutate call").of(collection);
  }

  /** The intent this transaction holds on {@code key} of {@code collection}, or null. */
  @SuppressWarnings("unchecked") // a collection's intents are of its row type
  synchronized <R> @Nullable RowIntent<R> intent(CollectionCore<?, R> collection, Object key) { // null: none, or cleared
    return (RowIntent<R>) rows.get(new RowRef(collection, key));
  }

  /** Records {@code next} (null: nothing left) as its intent on {@code key} of {@code collection}. */
  synchronized void record(CollectionCore<?, ?> collection, Object key, @Nullable RowIntent<?> next) {
    RowRef row = new RowRef(collection, key);
    List<Undo> log = undo;
    if (log != null) {
      log.add(new Undo(row, rows.get(row)));
    }
    put(row, next);
  }

  private void put(RowRef row, @Nullable RowIntent<?> next) {
    rows.put(row, next);
    changes = null;
  }

  /** A write of the mutate call under way to a plain query: composed with its earlier ones, and painted. */
  synchronized <T> void patchQuery(QueryKey<T> key, UnaryOperator<T> patch) {
    QueryPatches patches = queryPatches;
    if (patches == null) {
      patches = new QueryPatches(queries, this, order);
      queryPatches = patches;
    }
    patches.patch(key, patch);
  }

  // ---- commit and outcome -------------------------------------------------------------------

  @Override
  public CompletableFuture<Transaction> commit() {
    synchronized (this) {
      if (state != TransactionState.PENDING) {
        throw new TransactionNotPendingException(id(), "commit", state);
      }
      if (pacedBy != null) {
        throw new IllegalStateException(id() + " is paced by " + pacedBy + ", which commits it; call flush() on "
            + pacedBy + " to send it now, or rollback() to drop it");
      }
      state = TransactionState.PERSISTING;
    }
    if (isEmpty()) {
      succeeded();
      return persisted;
    }
    send();
    return persisted;
  }

  /**
   * Hands it to {@code pacedBy}'s persister, which holds it in its pace stage: it stays pending,
   * and later calls may join it, until the stage lets it go and its handler begins.
   */
  void submitPaced(String pacedBy) {
    synchronized (this) {
      this.pacedBy = pacedBy;
    }
    send();
  }

  private void send() {
    CompletableFuture<Boolean> outcome = persister.mutate(this);
    if (outcome.isDone() && !outcome.isCompletedExceptionally()) {
      return; // persisted at once: its success path has completed it
    }
    outcome.handle((result, failure) -> {
      if (failure != null) {
        failed(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
      }
      return null;
    });
  }

  /**
   * Its handler is about to run: a pending transaction persists from now on, and takes no more
   * writes. Returns null if the handler may run, or why not: what it failed with meanwhile (a
   * rollback, a transaction it relied on).
   */
  synchronized @Nullable Throwable freeze() {
    if (state == TransactionState.PENDING) {
      state = TransactionState.PERSISTING;
    }
    return state == TransactionState.FAILED ? error : null;
  }

  /** Whether it holds no change: no row intent, no query patch, and no row it wrote and then cleared. */
  synchronized boolean isEmpty() {
    return rows.isEmpty() && queryPatches == null;
  }

  /** Whether it holds a change to send: a row intent or a query patch (later writes can cancel earlier ones). */
  synchronized boolean hasChanges() {
    return rows.hasIntents() || queryPatches != null;
  }

  @Override
  public Transaction rollback() {
    if (state == TransactionState.COMPLETED) {
      throw new IllegalStateException(id() + " is completed: its changes are the server's now; undo them with a new write");
    }
    failed(new TransactionRolledBackException(id()));
    return this;
  }

  /** Its handler succeeded: its intents stay until data that includes them lands. */
  void succeeded() {
    if (ended.compareAndSet(false, true)) {
      long sequence = runtime.nextSequence();
      for (Map.Entry<CollectionCore<?, ?>, Set<Object>> entry : touchedAtEnd().entrySet()) {
        entry.getKey().succeeded(this, entry.getValue(), sequence);
      }
      QueryPatches patches = queryPatches; // no patch after ended: a write checks it under the monitor
      if (patches != null) {
        patches.succeeded(sequence);
      }
      state = TransactionState.COMPLETED;
      persisted.complete(this);
    }
  }

  /** It failed (its handler, a rollback, or the client closing under it): its intents leave. */
  void failed(Throwable cause) {
    if (ended.compareAndSet(false, true)) {
      error = cause;
      for (Map.Entry<CollectionCore<?, ?>, Set<Object>> entry : touchedAtEnd().entrySet()) {
        entry.getKey().rollBack(this, entry.getValue());
      }
      QueryPatches patches = queryPatches;
      if (patches != null) {
        patches.remove();
      }
      List<TransactionCore> relying;
      List<TransactionCore> queued;
      synchronized (this) {
        state = TransactionState.FAILED;
        relying = dependents;
        dependents = List.of();
        queued = queuedAfter;
        queuedAfter = List.of();
      }
      persisted.completeExceptionally(cause);
      for (TransactionCore dependent : relying) {
        dependent.failed(new DependentTransactionException(dependent.id(), id(), cause));
      }
      for (TransactionCore later : queued) {
        later.failed(queuedFailure(later, cause));
      }
    }
  }

  /** Its settle step is done: its succeeded intents fold once no fetch is in flight. */
  void settled() {
    for (Map.Entry<CollectionCore<?, ?>, Set<Object>> entry : touchedAtEnd().entrySet()) {
      entry.getKey().settled(this, entry.getValue());
    }
    QueryPatches patches = queryPatches;
    if (patches != null) {
      patches.settle();
    }
  }

  /** What its settle step invalidates: the queries of the collections it wrote, and the plain queries it patched. */
  synchronized List<QueryFilter> invalidations() {
    QueryPatches patches = queryPatches;
    CollectionCore<?, ?> only = rows.onlyCollection();
    if (patches == null && only != null) {
      return List.of(only.settleFilter()); // one collection: the usual case
    }
    List<QueryFilter> filters = new ArrayList<>();
    for (CollectionCore<?, ?> collection : rows.collections()) {
      filters.add(collection.settleFilter());
    }
    if (patches != null) {
      for (QueryKey<?> key : patches.keys()) {
        filters.add(QueryFilter.exact(key));
      }
    }
    return filters;
  }

  /**
   * The rows it painted, by collection, in the order it first painted them: where its outcome
   * goes. Once it ended (succeeded or failed: {@code ended} is set) no write changes them, since
   * a write takes the monitor and checks {@code ended}, so they are gathered once.
   */
  private synchronized Map<CollectionCore<?, ?>, Set<Object>> touchedAtEnd() {
    Map<CollectionCore<?, ?>, Set<Object>> made = rowsAtEnd;
    if (made == null) {
      made = rows.byCollection();
      if (ended.get()) {
        rowsAtEnd = made;
      }
    }
    return made;
  }

  /**
   * One of its intents threw when applied again over newer server data: the row shows that
   * data without the intent from now on (the failure is logged where it happened).
   */
  @Override
  public void layerFailed(QueryKey<?> key, Throwable cause) {
    // Nothing more to undo: the row already shows the server's data.
  }

  @Override
  public String name() {
    return name + " " + id();
  }

  /** Such as {@code Transaction{tx-12 of todos, PERSISTING, 1 change}}. */
  @Override
  public String toString() {
    int count = changes().size();
    return "Transaction{" + id() + " of " + name + ", " + state + ", " + count + (count == 1 ? " change}" : " changes}");
  }
}
