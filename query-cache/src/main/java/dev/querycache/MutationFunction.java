package dev.querycache;

/**
 * A blocking mutation function: performs the write on the server. It runs on the client's
 * fetch executor, never on the thread that called {@link Mutation#mutate(Object)}.
 *
 * @param <V> the variables the mutation takes
 * @param <R> the server's result
 */
@FunctionalInterface
public interface MutationFunction<V, R> {
  /**
   * Performs the write.
   *
   * @param variables what to write
   * @return the server's result; never {@code null} (use a placeholder such as {@code true}
   *     for writes without a result)
   * @throws Exception any failure; retried according to the mutation's {@link RetryPolicy}
   *     (by default never)
   */
  R mutate(V variables) throws Exception;
}
