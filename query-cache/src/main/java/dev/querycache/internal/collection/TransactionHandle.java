package dev.querycache.internal.collection;

import dev.querycache.QueryKey;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.TransactionWrites;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The handle of one {@code mutate} call of a transaction: its writes go into the transaction
 * while the call runs, and are refused once it returned (a handle that escaped the call fails
 * its transaction with the refusal). Passed to the call, never found in a thread-local.
 */
final class TransactionHandle implements TransactionWrites {
  private final TransactionCore tx;
  private volatile boolean open = true;

  TransactionHandle(TransactionCore tx) {
    this.tx = tx;
  }

  /** The call returned: writes through the handle are refused from now on. */
  void close() {
    open = false;
  }

  @Override
  public <K, R> void insert(QueryCollection<K, R> collection, R row) {
    own(collection).insertIn(tx, Objects.requireNonNull(row, "row == null"));
  }

  @Override
  public <K, R> void update(QueryCollection<K, R> collection, K key, UnaryOperator<R> change) {
    own(collection).updateIn(tx, Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(change, "change == null"));
  }

  @Override
  public <K, R> void delete(QueryCollection<K, R> collection, K key) {
    own(collection).deleteIn(tx, Objects.requireNonNull(key, "key == null"));
  }

  @Override
  public <T> void updateQueryData(QueryKey<T> key, UnaryOperator<T> patch) {
    check();
    tx.patchQuery(Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(patch, "patch == null"));
  }

  private <K, R> CollectionCore<K, R> own(QueryCollection<K, R> collection) {
    Objects.requireNonNull(collection, "collection == null");
    check();
    if (!(collection instanceof CollectionCore<K, R> core) || !tx.sameClientAs(core)) {
      throw new IllegalArgumentException(collection + " is not a collection of this transaction's client");
    }
    return core;
  }

  /** Refuses a write after the call returned, and fails the transaction whose handle escaped with the refusal. */
  private void check() {
    if (!open) {
      String id = tx.id();
      IllegalStateException refusal = new IllegalStateException("a write through the handle of " + id
          + " after its mutate call returned: write inside the call (an optimistic action's writes are synchronous;"
          + " they cannot wait for a stage), or call mutate again; " + id + " failed with this refusal");
      tx.failed(refusal);
      throw refusal;
    }
  }
}
