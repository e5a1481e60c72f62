package dev.querycache.collection;

/**
 * Configures an {@link OptimisticAction}: what persists a call, its name and its error
 * message. Not thread-safe: build it on one thread. The library implements it.
 *
 * @param <V> the type of the action's variables
 * @since 0.1.0
 */
public interface OptimisticActionBuilder<V> {
  /**
   * Persists a call, blocking, on the fetch executor. One of {@code persist} and
   * {@code persistAsync} is required.
   *
   * @param handler the handler
   * @return this builder
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalStateException if the action has a handler already
   */
  OptimisticActionBuilder<V> persist(ActionHandler<V> handler);

  /**
   * Persists a call with a stage; see {@link #persist}.
   *
   * @param handler the handler
   * @return this builder
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalStateException if the action has a handler already
   */
  OptimisticActionBuilder<V> persistAsync(AsyncActionHandler<V> handler);

  /**
   * The action's name, in messages and the devtools, such as {@code "add task"}. Default:
   * "optimistic action".
   *
   * @param name the name
   * @return this builder
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  OptimisticActionBuilder<V> name(String name);

  /**
   * What the error toast says when a call fails. Default: "The change could not be saved".
   *
   * @param message the message
   * @return this builder
   * @throws NullPointerException if {@code message} is null
   * @throws IllegalArgumentException if {@code message} is blank
   */
  OptimisticActionBuilder<V> errorMessage(String message);

  /**
   * Builds the action.
   *
   * @return the action
   * @throws IllegalStateException if no handler was given, or the client is closed
   */
  OptimisticAction<V> build();
}
