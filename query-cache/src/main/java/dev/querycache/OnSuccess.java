package dev.querycache;

import org.jspecify.annotations.Nullable;

/**
 * A mutation's callback when the server accepted the write: it runs after the client's
 * {@link MutationHooks#onSuccess}, before {@link OnSettled}, on the client's notify executor
 * (the EDT for a Swing client), whichever thread the server's answer came in on. A throw turns the run into a failure (the error path runs with that
 * error).
 *
 * @param <V> the variables
 * @param <R> the result
 * @param <C> the context
 * @since 0.1.0
 */
@FunctionalInterface
public interface OnSuccess<V, R, C> {
  /**
   * Handles a success.
   *
   * @param result the server's result
   * @param variables the run's variables
   * @param context what onMutate returned, or null
   * @throws Exception to turn the run into a failure
   */
  void onSuccess(R result, V variables, @Nullable C context) throws Exception;
}
