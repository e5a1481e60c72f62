package dev.querycache;

import org.jspecify.annotations.Nullable;

/**
 * A mutation's callback when a run settled, either way: the last of the run's callbacks,
 * after {@link OnSuccess} or {@link OnError}, before the settle invalidation, on the client's
 * notify executor (the EDT for a Swing client). After a success, a throw turns the run into a
 * failure; after a failure, it is logged and ignored.
 *
 * @param <V> the variables
 * @param <R> the result
 * @param <C> the context
 * @since 0.1.0
 */
@FunctionalInterface
public interface OnSettled<V, R, C> {
  /**
   * Handles the end of a run.
   *
   * @param result the result after a success, else null
   * @param error the failure after a failure, else null
   * @param variables the run's variables
   * @param context what onMutate returned, or null
   * @throws Exception after a success, turns the run into a failure; after a failure,
   *     logged and ignored
   */
  void onSettled(@Nullable R result, @Nullable Throwable error, V variables, @Nullable C context)
      throws Exception;
}
