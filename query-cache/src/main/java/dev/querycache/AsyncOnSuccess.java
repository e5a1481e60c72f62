package dev.querycache;

import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * {@link OnSuccess} that may return a stage the run waits for before it goes on, as a
 * TanStack Query callback may return a promise: for example, keep the mutation pending until
 * an extra refetch lands ({@code return client.refetchQueries(filter)}). The run's next
 * callbacks, its toast, its settle invalidation and its future wait for the stage; a stage
 * that fails turns the run into a failure, as a throw does. Runs on the client's notify
 * executor; the stage may complete on any thread.
 *
 * @param <V> the variables
 * @param <R> the result
 * @param <C> the context
 * @since 0.1.0
 */
@FunctionalInterface
public interface AsyncOnSuccess<V, R, C> {
  /**
   * Handles a success.
   *
   * @param result the server's result
   * @param variables the run's variables
   * @param context what onMutate returned, or null
   * @return a stage to wait for, or null to go on at once
   * @throws Exception to turn the run into a failure
   */
  @Nullable CompletionStage<?> onSuccess(R result, V variables, @Nullable C context) throws Exception;
}
