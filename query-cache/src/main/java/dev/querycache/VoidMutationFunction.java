package dev.querycache;

/**
 * A blocking mutation function that answers nothing, such as {@code void delete(String id)}:
 * the write succeeds when it returns. It runs on the client's fetch executor, never on the
 * thread that called {@link Mutation#mutate(Object)}. Build one with
 * {@link QueryClient#voidMutation(VoidMutationFunction)}.
 *
 * @param <V> the variables the mutation takes
 * @since 0.1.0
 */
@FunctionalInterface
public interface VoidMutationFunction<V> {
  /**
   * Performs the write.
   *
   * @param variables what to write
   * @throws Exception any failure; retried according to the mutation's {@link RetryPolicy}
   *     (by default never)
   */
  void mutate(V variables) throws Exception;
}
