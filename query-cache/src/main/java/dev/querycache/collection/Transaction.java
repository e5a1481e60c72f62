package dev.querycache.collection;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A set of row changes that are shown at once and persisted together. Each {@code insert},
 * {@code update} and {@code delete} of a {@link QueryCollection} makes one and commits it;
 * {@code QueryClient.transaction()} makes one that spans collections and plain queries:
 *
 * <pre>{@code
 * Transaction tx = client.transaction().persist(t -> api.saveAll(t.changes())).autoCommit(false).build();
 * tx.mutate(write -> write.update(tasks, "t1", task -> task.withDone(true)));
 * tx.mutate(write -> write.delete(tasks, "t2"));
 * tx.commit();
 * }</pre>
 *
 * <p>Its changes show in the rows while it is pending and while it persists; if its handler
 * fails, or it is rolled back, they leave the rows, and another transaction's changes to the
 * same rows stay.
 *
 * <p>Its life: {@link TransactionState#PENDING PENDING}, {@link TransactionState#PERSISTING
 * PERSISTING} while the handlers run, then {@link TransactionState#COMPLETED COMPLETED} or
 * {@link TransactionState#FAILED FAILED}. Thread-safe; the library implements it.
 *
 * @since 0.1.0
 */
public interface Transaction {
  /**
   * The transaction's id, unique in its client, such as {@code "tx-12"}.
   *
   * @return the id
   */
  String id();

  /**
   * The idempotency key of the transaction's writes. Send it with them: the server can then
   * tell a retry from a new write, and carry it back in the rows it pushes
   * ({@link RowPush#upsert(Object, long, String)}), so that this client recognises its own changes. It is the
   * key given to {@link TransactionBuilder#writeKey}; else, if the transaction inserted a row
   * into a collection of minted ids ({@link CollectionBuilder#mintedIds()}) before the key was
   * asked for, the first such row's id (the id doubles as the idempotency key); else a
   * {@linkplain RowIds#mint() row id} minted when first asked for. Any thread.
   *
   * @return the write key, the same each time
   */
  String writeKey();

  /**
   * Where the transaction is in its life, now. Any thread.
   *
   * @return the state
   */
  TransactionState state();

  /**
   * The changes, one per row and collection, in the order their rows were first written.
   *
   * @return an immutable list
   */
  List<PendingChange<?, ?>> changes();

  /**
   * A future that completes with this transaction when its handlers succeeded, or
   * exceptionally with what a handler threw once its changes left the rows. It completes on
   * the client's notify executor (the UI thread of a Swing or JavaFX client): chain on it
   * there, never wait for it there.
   *
   * @return the future; the same one each time
   */
  CompletableFuture<Transaction> isPersisted();

  /**
   * Writes into the transaction: {@code writes} gets a handle whose writes show at once and
   * merge, row by row, with the transaction's earlier ones. If {@code writes} throws (a
   * refused write included), every write of this call is undone and the exception propagates;
   * the transaction stays pending. A transaction built with {@code autoCommit(true)} (the
   * default) commits when the call returns. Any thread; one call at a time.
   *
   * @param writes what to write, through the handle it gets
   * @return this transaction
   * @throws NullPointerException if {@code writes} is null
   * @throws TransactionNotPendingException if the transaction is persisting, completed or
   *     failed (a collection's own transaction is persisting from the start)
   */
  Transaction mutate(java.util.function.Consumer<? super TransactionWrites> writes);

  /**
   * Persists the transaction through its handler: it is persisting until the handler answers,
   * then completed or failed. A transaction without changes completes at once.
   *
   * @return {@link #isPersisted()}
   * @throws TransactionNotPendingException if the transaction is not pending
   */
  CompletableFuture<Transaction> commit();

  /**
   * Takes the transaction's changes out of the rows and queries and fails it with a
   * {@link TransactionRolledBackException}. A persisting transaction's handler is not stopped:
   * the server may still apply what it sent, which a refetch then shows. Rolling back a
   * failed transaction does nothing.
   *
   * @return this transaction
   * @throws IllegalStateException if the transaction completed: undo it with a new write
   */
  Transaction rollback();

  /**
   * What made the transaction fail, once it has.
   *
   * @return the failure, or empty while it has not failed
   */
  Optional<Throwable> error();
}
