package dev.querycache.collection;

/**
 * Persists an {@link OptimisticAction}'s call, blocking until the server has it: TanStack DB's
 * {@code mutationFn}. It runs on the client's fetch executor, never on the UI thread; returning
 * is success, throwing is failure (the call's changes leave the rows, and the error toast
 * shows).
 *
 * @param <V> the type of the action's variables
 * @since 0.1.0
 */
@FunctionalInterface
public interface ActionHandler<V> {
  /**
   * Sends the call to the server and waits for its answer.
   *
   * @param variables the call's variables
   * @param transaction the call's transaction, persisting, with its changes
   * @throws Exception if the server refused it or could not be reached
   */
  void persist(V variables, Transaction transaction) throws Exception;
}
