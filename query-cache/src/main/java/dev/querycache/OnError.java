package dev.querycache;

import org.jspecify.annotations.Nullable;

/**
 * A mutation's callback when a run failed: it runs after the run's layers were removed and
 * after the client's {@link MutationHooks#onError}, before {@link OnSettled} and the error
 * toast, on the client's notify executor (the EDT for a Swing client), whichever thread the
 * failure came in on. A throw is logged and ignored: the caller sees the original error.
 *
 * @param <V> the variables
 * @param <C> the context
 * @since 0.1.0
 */
@FunctionalInterface
public interface OnError<V, C> {
  /**
   * Handles a failure.
   *
   * @param error what failed
   * @param variables the run's variables
   * @param context what onMutate returned, or null (always null if onMutate failed)
   * @throws Exception logged and ignored
   */
  void onError(Throwable error, V variables, @Nullable C context) throws Exception;
}
