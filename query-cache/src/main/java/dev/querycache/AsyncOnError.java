package dev.querycache;

import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * {@link OnError} that may return a stage the run waits for before it goes on (its
 * {@code onSettled}, its error toast, its settle invalidation and its future). A stage that
 * fails, like a throw, is logged and ignored: the caller sees the original error. Runs on the
 * client's notify executor; the stage may complete on any thread.
 *
 * @param <V> the variables
 * @param <C> the context
 * @since 0.1.0
 */
@FunctionalInterface
public interface AsyncOnError<V, C> {
  /**
   * Handles a failure.
   *
   * @param error what failed
   * @param variables the run's variables
   * @param context what onMutate returned, or null
   * @return a stage to wait for, or null to go on at once
   * @throws Exception logged and ignored
   */
  @Nullable CompletionStage<?> onError(Throwable error, V variables, @Nullable C context) throws Exception;
}
