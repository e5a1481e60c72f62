package dev.querycache.collection;

/**
 * Configures a transaction from {@code QueryClient.transaction()}: what persists it, its name,
 * its error message, and whether each {@code mutate} commits it. Not thread-safe: build it on
 * one thread. The library implements this interface.
 *
 * @since 0.1.0
 */
public interface TransactionBuilder {
  /**
   * Persists the transaction's changes, blocking, on the fetch executor. One of
   * {@code persist} and {@code persistAsync} is required.
   *
   * @param handler the handler
   * @return this builder
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalStateException if the transaction has a handler already
   */
  TransactionBuilder persist(TransactionHandler handler);

  /**
   * Persists the transaction's changes with a stage; see {@link #persist}.
   *
   * @param handler the handler
   * @return this builder
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalStateException if the transaction has a handler already
   */
  TransactionBuilder persistAsync(AsyncTransactionHandler handler);

  /**
   * The transaction's name, in messages and the devtools, such as {@code "reorder"}.
   * Default: "transaction".
   *
   * @param name the name
   * @return this builder
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  TransactionBuilder name(String name);

  /**
   * What the error toast says when the handler fails. Default: "The change could not be saved".
   *
   * @param message the message
   * @return this builder
   * @throws NullPointerException if {@code message} is null
   * @throws IllegalArgumentException if {@code message} is blank
   */
  TransactionBuilder errorMessage(String message);

  /**
   * Whether the first {@code mutate} call commits the transaction when it returns (the
   * default, as TanStack DB's), or the application calls {@link Transaction#commit()} after
   * as many {@code mutate} calls as it likes ({@code false}).
   *
   * @param autoCommit whether {@code mutate} commits
   * @return this builder
   */
  TransactionBuilder autoCommit(boolean autoCommit);

  /**
   * The transaction's {@linkplain Transaction#writeKey() write key}: the idempotency key the
   * server gets with its writes and carries back in the rows it pushes. Give the gesture's id
   * ({@link Gesture#id()}) when the transaction inserts the gesture's rows, so that the server
   * knows one key for all of them. Default: a row id minted when first asked for.
   *
   * @param writeKey the key
   * @return this builder
   * @throws NullPointerException if {@code writeKey} is null
   * @throws IllegalArgumentException if {@code writeKey} is blank
   */
  TransactionBuilder writeKey(String writeKey);

  /**
   * A new pending transaction.
   *
   * @return the transaction
   * @throws IllegalStateException if no handler was given, or the client is closed
   */
  Transaction build();
}
