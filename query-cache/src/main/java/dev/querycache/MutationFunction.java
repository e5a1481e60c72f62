package dev.querycache;

/**
 * A blocking mutation function: performs the write on the server. It runs on the client's
 * fetch executor, never on the thread that called {@link Mutation#mutate(Object)}.
 *
 * @param <V> the variables the mutation takes
 * @param <R> the server's result
 * @since 0.1.0
 */
@FunctionalInterface
public interface MutationFunction<V, R> {
  /**
   * Performs the write.
   *
   * @param variables what to write
   * @return the server's result; never {@code null} (for a write without a result, build the
   *     mutation with {@link QueryClient#voidMutation} instead)
   * @throws Exception any failure; retried according to the mutation's {@link RetryPolicy}
   *     (by default never)
   */
  R mutate(V variables) throws Exception;
}
