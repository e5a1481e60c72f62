package dev.querycache.collection;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Persists the inserts, the updates or the deletes of a transaction on one collection, and
 * answers with a stage: the non-blocking form of {@link ChangeHandler}, for an asynchronous
 * HTTP client. It is called on the thread that starts the attempt (the one committing the
 * transaction, or the scheduler's for a retry); it must not block.
 *
 * @param <K> the type of the keys
 * @param <R> the type of the rows
 * @since 0.1.0
 */
@FunctionalInterface
public interface AsyncChangeHandler<K, R> {
  /**
   * Starts sending {@code changes} to the server.
   *
   * @param changes the transaction's changes of this type on this collection, in order; never empty, not modifiable
   * @return a stage that completes when the server has them, or exceptionally if it refused
   * @throws Exception if the sending could not start (the same as a failed stage)
   */
  CompletionStage<?> persist(List<PendingChange<K, R>> changes) throws Exception;
}
