package dev.querycache.collection;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A set of row changes that are shown at once and persisted together: each
 * {@code insert}, {@code update} and {@code delete} of a {@link QueryCollection} makes one and
 * commits it. Its changes show in the rows while it persists; if a handler fails, they leave
 * the rows, and another transaction's changes to the same rows stay.
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
   * What made the transaction fail, once it has.
   *
   * @return the failure, or empty while it has not failed
   */
  Optional<Throwable> error();
}
