package dev.querycache.collection;

import java.util.concurrent.CompletionStage;

/**
 * Persists all the changes of a transaction and answers with a stage: the non-blocking form of
 * {@link TransactionHandler}. It is called on the thread that commits the transaction (or the
 * scheduler's for a retry); it must not block.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AsyncTransactionHandler {
  /**
   * Starts sending {@code transaction}'s changes to the server.
   *
   * @param transaction the transaction, persisting
   * @return a stage that completes when the server has them, or exceptionally if it refused
   * @throws Exception if the sending could not start (the same as a failed stage)
   */
  CompletionStage<?> persist(Transaction transaction) throws Exception;
}
