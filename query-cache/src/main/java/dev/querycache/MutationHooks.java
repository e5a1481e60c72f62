package dev.querycache;

import org.jspecify.annotations.Nullable;

/**
 * Client-level mutation callbacks, for concerns that cut across every mutation (logging,
 * metrics, a global spinner). Register with {@link QueryClientBuilder#mutationHooks}. Each
 * hook runs before the mutation's own callback of the same step, as TanStack Query's mutation
 * cache callbacks do, on the same thread ({@code onMutate} on the caller's, the others on the
 * client's notify executor), and follows the same rules: a hook that throws in
 * {@code onMutate} or {@code onSuccess} turns the run into a failure; one that throws in
 * {@code onError} or {@code onSettled} is logged and changes nothing.
 *
 * <p>Every method has an empty default, so an implementation overrides only what it needs.
 *
 * @since 0.1.0
 */
public interface MutationHooks {
  /**
   * A run started; its optimistic patches are applied (its context is not known yet).
   *
   * @param run the run's state
   * @throws Exception to fail the run before its mutation function runs
   */
  default void onMutate(MutationState<?, ?, ?> run) throws Exception {}

  /**
   * A run's mutation function succeeded.
   *
   * @param result the server's result ({@code null} for a mutation built with
   *     {@link QueryClient#voidMutation})
   * @param run the run's state, context included
   * @throws Exception to turn the run into a failure
   */
  default void onSuccess(@Nullable Object result, MutationState<?, ?, ?> run) throws Exception {}

  /**
   * A run failed; its layers are already removed.
   *
   * @param error what failed
   * @param run the run's state
   * @throws Exception logged and ignored
   */
  default void onError(Throwable error, MutationState<?, ?, ?> run) throws Exception {}

  /**
   * A run settled, either way.
   *
   * @param result the result, or null after a failure
   * @param error the failure, or null after a success
   * @param run the run's state
   * @throws Exception after a success, turns the run into a failure; after a failure,
   *     logged and ignored
   */
  default void onSettled(@Nullable Object result, @Nullable Throwable error, MutationState<?, ?, ?> run)
      throws Exception {}
}
