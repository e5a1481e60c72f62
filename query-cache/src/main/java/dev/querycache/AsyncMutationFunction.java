package dev.querycache;

import java.util.concurrent.CompletionStage;

/**
 * A non-blocking mutation function: starts the write and returns a stage of the server's
 * result. It is called on the thread that runs the mutation function (the caller of
 * {@link Mutation#mutate(Object)}, or the thread on which an earlier mutation of the same
 * scope settled), so it must not block.
 *
 * @param <V> the variables the mutation takes
 * @param <R> the server's result
 * @since 0.1.0
 */
@FunctionalInterface
public interface AsyncMutationFunction<V, R> {
  /**
   * Starts the write.
   *
   * @param variables what to write
   * @return a stage completing with the result (never {@code null}) or the failure
   * @throws Exception a failure to start, treated like a failed stage
   */
  CompletionStage<R> mutate(V variables) throws Exception;
}
