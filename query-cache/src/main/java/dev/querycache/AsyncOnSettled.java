package dev.querycache;

import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * {@link OnSettled} that may return a stage the run waits for before it goes on (its toast,
 * its settle invalidation and its future). After a success, a stage that fails turns the run
 * into a failure, as a throw does; after a failure, it is logged and ignored. Runs on the
 * client's notify executor; the stage may complete on any thread.
 *
 * @param <V> the variables
 * @param <R> the result
 * @param <C> the context
 * @since 0.1.0
 */
@FunctionalInterface
public interface AsyncOnSettled<V, R, C> {
  /**
   * Handles the end of a run.
   *
   * @param result the result after a success, else null
   * @param error the failure after a failure, else null
   * @param variables the run's variables
   * @param context what onMutate returned, or null
   * @return a stage to wait for, or null to go on at once
   * @throws Exception after a success, turns the run into a failure; after a failure,
   *     logged and ignored
   */
  @Nullable CompletionStage<?> onSettled(@Nullable R result, @Nullable Throwable error, V variables, @Nullable C context)
      throws Exception;
}
