package dev.querycache.collection;

import java.util.concurrent.CompletionStage;

/**
 * Persists a call of an {@link OptimisticAction}, or a transaction of {@link PacedWrites}, with
 * a stage: {@link ActionHandler}'s asynchronous twin, for clients such as
 * {@code java.net.http.HttpClient.sendAsync}. It is called on the thread that lets the
 * transaction go (the caller's, a scheduler's or the notify executor's, never inside a lock of
 * the library's) and must return promptly; the stage completing normally is success,
 * exceptionally is failure.
 *
 * @param <V> the type of the calls' variables
 * @since 0.1.0
 */
@FunctionalInterface
public interface AsyncActionHandler<V> {
  /**
   * Starts sending the transaction to the server.
   *
   * @param variables the variables of the last call the transaction holds
   * @param transaction the transaction, persisting, with its changes
   * @return a stage that completes when the server answered; never null
   */
  CompletionStage<?> persist(V variables, Transaction transaction);
}
