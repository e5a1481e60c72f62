package dev.querycache.internal.collection;

import dev.querycache.QueryKey;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionState;
import dev.querycache.internal.layer.LayerOwner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A transaction on one collection, and the owner of its intents on the collection's rows: it
 * paints them, and on its handler's outcome marks them succeeded, takes them away, or lets
 * them settle. Its state only moves forward; each step runs once.
 *
 * <p>Thread-safe: it is written on the thread that calls the collection, then by the
 * persisting mutation's steps on the notify executor.
 */
final class TransactionCore<K, R> implements Transaction, LayerOwner {
  private final CollectionCore<K, R> collection;
  /** The client sequence when it began: its intents apply in this order among owners. */
  final long order;
  private final String id;
  private final List<PendingChange<K, R>> changes;
  private final List<K> keys;
  private final CompletableFuture<Transaction> persisted = new CompletableFuture<>();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile TransactionState state = TransactionState.PENDING;
  private volatile @Nullable Throwable error;

  TransactionCore(CollectionCore<K, R> collection, long order, List<PendingChange<K, R>> changes) {
    this.collection = collection;
    this.order = order;
    this.id = "tx-" + order;
    this.changes = List.copyOf(changes);
    List<K> touched = new ArrayList<>(changes.size());
    for (PendingChange<K, R> change : changes) {
      touched.add(change.key());
    }
    this.keys = Collections.unmodifiableList(touched);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public TransactionState state() {
    return state;
  }

  @Override
  public List<PendingChange<?, ?>> changes() {
    return Collections.unmodifiableList(changes);
  }

  /** The changes, typed, for the collection's handler. */
  List<PendingChange<K, R>> typedChanges() {
    return changes;
  }

  /** The keys of the rows it writes. */
  List<K> keys() {
    return keys;
  }

  @Override
  public CompletableFuture<Transaction> isPersisted() {
    return persisted;
  }

  @Override
  public Optional<Throwable> error() {
    return Optional.ofNullable(error);
  }

  /** Its handler is called. */
  void persisting() {
    state = TransactionState.PERSISTING;
  }

  /** Its handler succeeded: its intents stay until data that includes them lands. */
  void succeeded() {
    if (ended.compareAndSet(false, true)) {
      collection.succeeded(this);
      state = TransactionState.COMPLETED;
      persisted.complete(this);
    }
  }

  /** Its handler failed (or the client closed under it): its intents leave the rows. */
  void failed(Throwable cause) {
    if (ended.compareAndSet(false, true)) {
      error = cause;
      collection.rollBack(this);
      state = TransactionState.FAILED;
      persisted.completeExceptionally(cause);
    }
  }

  /** Its settle step is done: its succeeded intents fold into the rows once no fetch is in flight. */
  void settled() {
    collection.settled(this);
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
    return collection.name() + " " + id;
  }

  /** Such as {@code Transaction{tx-12 on todos, PERSISTING, 1 change}}. */
  @Override
  public String toString() {
    return "Transaction{" + id + " on " + collection.name() + ", " + state + ", " + changes.size()
        + (changes.size() == 1 ? " change}" : " changes}");
  }
}
