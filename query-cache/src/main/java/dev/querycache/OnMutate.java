package dev.querycache;

import org.jspecify.annotations.Nullable;

/**
 * A mutation's first step ({@link MutationBuilder#onMutate}, {@link OptimisticMutationBuilder#onMutate}), run by every run before
 * its mutation function, on the thread that called {@link Mutation#mutate}: after the
 * optimistic patches were applied and the client's {@link MutationHooks#onMutate} ran. What it
 * returns is the run's context, handed to {@link OnSuccess}, {@link OnError} and
 * {@link OnSettled}. A throw fails the run before its function is called: its layers are
 * removed and the error path runs, with a null context.
 *
 * @param <V> the variables
 * @param <C> the context
 * @since 0.1.0
 */
@FunctionalInterface
public interface OnMutate<V, C> {
  /**
   * Runs on the caller's thread before the mutation function.
   *
   * @param variables the run's variables
   * @param scope the snapshots, and a way to patch more as this run's layers
   * @return the context handed to the other callbacks; may be null
   * @throws Exception to fail the run before its mutation function runs
   */
  @Nullable C onMutate(V variables, MutationScope scope) throws Exception;
}
