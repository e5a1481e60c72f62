package dev.querycache.collection;

/**
 * Persists all the changes of a transaction built with {@code QueryClient.transaction()},
 * blocking until the server has them. It runs on the client's fetch executor, never on the UI
 * thread. Returning is success; throwing is failure, and then every change of the transaction
 * leaves the rows and queries it wrote, and the error toast shows.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TransactionHandler {
  /**
   * Sends {@code transaction}'s changes ({@link Transaction#changes()}, and the plain queries
   * it patched) to the server and waits for its answer.
   *
   * @param transaction the transaction, persisting
   * @throws Exception if the server refused them or could not be reached
   */
  void persist(Transaction transaction) throws Exception;
}
