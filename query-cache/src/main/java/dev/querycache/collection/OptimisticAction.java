package dev.querycache.collection;

/**
 * A write that shows at once and persists through a handler, called with variables, from
 * {@code QueryClient.optimisticAction(...)}: TanStack DB's {@code createOptimisticAction}.
 * Each call is a transaction of its own: its {@link ActionWrites} write into it synchronously,
 * then it commits, and its {@link ActionHandler} persists it. The mutation cycle holds: a
 * failure takes the call's changes away (another call's stay) and shows the error toast; a
 * success shows none. Thread-safe; the library implements it.
 *
 * <pre>{@code
 * OptimisticAction<String> addTask = client.optimisticAction(
 *         (String title, TransactionWrites write) -> write.insert(tasks, new Task(newId(), title, false)))
 *     .persist((title, tx) -> api.create(title))
 *     .errorMessage("Could not add the task")
 *     .build();
 * addTask.apply("Buy milk");
 * }</pre>
 *
 * @param <V> the type of the variables
 * @since 0.1.0
 */
public interface OptimisticAction<V> {
  /**
   * Shows the action's writes for {@code variables} at once and starts persisting them. What
   * the writes throw (a refused write included) propagates, and nothing is applied.
   *
   * @param variables the call's variables
   * @return the call's transaction, persisting
   * @throws NullPointerException if {@code variables} is null
   * @throws IllegalStateException if the call's writes wrote nothing (a call always shows
   *     something; writes made later, from a stage, are refused), or the client is closed
   */
  Transaction apply(V variables);
}
