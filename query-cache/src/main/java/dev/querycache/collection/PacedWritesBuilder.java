package dev.querycache.collection;

/**
 * Configures {@link PacedWrites}: what persists a transaction, its name and its error message.
 * Not thread-safe: build it on one thread. The library implements it.
 *
 * @param <V> the type of the calls' variables
 * @since 0.1.0
 */
public interface PacedWritesBuilder<V> {
  /**
   * Persists a transaction, blocking, on the fetch executor; it gets the variables of the last
   * call that joined the transaction, and the transaction with the merged changes of all of
   * them. One of {@code persist} and {@code persistAsync} is required.
   *
   * @param handler the handler
   * @return this builder
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalStateException if the paced writes have a handler already
   */
  PacedWritesBuilder<V> persist(ActionHandler<V> handler);

  /**
   * Persists a transaction with a stage; see {@link #persist}.
   *
   * @param handler the handler
   * @return this builder
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalStateException if the paced writes have a handler already
   */
  PacedWritesBuilder<V> persistAsync(AsyncActionHandler<V> handler);

  /**
   * The name, in messages and the devtools, such as {@code "edit title"}. Default: "paced
   * writes".
   *
   * @param name the name
   * @return this builder
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  PacedWritesBuilder<V> name(String name);

  /**
   * What the error toast says when a transaction fails. Default: "The change could not be
   * saved".
   *
   * @param message the message
   * @return this builder
   * @throws NullPointerException if {@code message} is null
   * @throws IllegalArgumentException if {@code message} is blank
   */
  PacedWritesBuilder<V> errorMessage(String message);

  /**
   * Builds the paced writes.
   *
   * @return the paced writes
   * @throws IllegalStateException if no handler was given, or the client is closed
   */
  PacedWrites<V> build();
}
