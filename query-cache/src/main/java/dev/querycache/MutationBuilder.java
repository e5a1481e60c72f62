package dev.querycache;

import dev.querycache.internal.mutation.MutationConfig;
import dev.querycache.internal.mutation.MutationPatch;
import java.util.Objects;

/**
 * Builds a {@link Mutation} from {@link QueryClient#mutation(MutationFunction)}. As it stands
 * it builds a plain (non-optimistic) mutation; {@link #optimistic(QueryKey, Projection)}
 * moves on to an optimistic one, which must then be given an error message before it can be
 * built.
 *
 * <p>A plain mutation may still patch the cache by hand in {@link #onMutate} through its
 * {@link MutationScope} (the "raw" style of TanStack Query code): those writes are layers,
 * with the same rollback, ordering and settle invalidation as declared patches. A plain
 * mutation toasts its failures (with a generic message unless given one, or not at all after
 * {@link #withoutErrorToast()}) and toasts success only when given a success message.
 *
 * @param <V> the variables
 * @param <R> the server's result
 * @param <C> the context {@code onMutate} returns ({@code Void} until one is set)
 * @since 0.1.0
 */
public final class MutationBuilder<V, R, C> extends AbstractMutationBuilder<V, R, C, MutationBuilder<V, R, C>> {
  MutationBuilder(QueryClient client, MutationConfig.Draft<V, R, C> config) {
    super(client, config);
  }

  /**
   * Runs first in every run, on the caller's thread, before the mutation function; what it
   * returns is the context the other callbacks get. A throw fails the run (no layer is left
   * behind). Call it before the callbacks that receive the context.
   *
   * @param callback gets the variables and the run's {@link MutationScope}
   * @param <C2> the context's type
   * @return this builder, typed by the new context
   * @throws NullPointerException if {@code callback} is null
   * @throws IllegalStateException if onSuccess, onError or onSettled was already set
   */
  public <C2> MutationBuilder<V, R, C2> onMutate(OnMutate<V, C2> callback) {
    Objects.requireNonNull(callback, "callback == null");
    return new MutationBuilder<>(client, config.withContext(callback));
  }

  /**
   * Toasts {@code message} when a run succeeds (only plain mutations may; optimistic ones
   * never toast success).
   *
   * @param message such as "Saved"
   * @return this builder
   * @throws NullPointerException if {@code message} is null
   */
  public MutationBuilder<V, R, C> successMessage(String message) {
    config.successMessage = Objects.requireNonNull(message, "message == null");
    return this;
  }

  /**
   * Shows no error toast on failure (for code that toasts in its own {@code onError}).
   * Optimistic mutations always toast errors.
   *
   * @return this builder
   */
  public MutationBuilder<V, R, C> withoutErrorToast() {
    config.toastErrors = false;
    return this;
  }

  /**
   * Makes the mutation optimistic: each run patches {@code key} with {@code projection}
   * before its mutation function runs. The library then performs the first step itself, in
   * this order, on the caller's thread: cancel the key's fetch in flight, snapshot, patch as
   * this run's layer, call {@code onMutate}. On failure it removes the layer; when the run
   * settles it invalidates the key; it never toasts success. What remains to say is the
   * error message.
   *
   * @param key the exact key to patch
   * @param projection how the data changes
   * @param <T> the type of the data
   * @return the next stage, which asks for an error message
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if a success message was set (optimistic mutations never
   *     toast success)
   */
  public <T> OptimisticMutationBuilder.Draft<V, R, C> optimistic(QueryKey<T> key, Projection<T, V> projection) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(projection, "projection == null");
    return startOptimistic(new MutationPatch<>(key, null, projection, null));
  }

  /**
   * Like {@link #optimistic(QueryKey, Projection)} for every cached query {@code filter}
   * selects when a run starts (all the views of a collection, say); they are invalidated by
   * the same filter when the run settles. The caller vouches that they hold {@code T}.
   *
   * @param filter which queries
   * @param projection how their data changes
   * @param <T> the type of their data
   * @return the next stage, which asks for an error message
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if a success message was set
   */
  public <T> OptimisticMutationBuilder.Draft<V, R, C> optimisticMatching(QueryFilter filter, Projection<T, V> projection) {
    Objects.requireNonNull(filter, "filter == null");
    Objects.requireNonNull(projection, "projection == null");
    return startOptimistic(new MutationPatch<T, V>(null, filter, projection, null));
  }

  private OptimisticMutationBuilder.Draft<V, R, C> startOptimistic(MutationPatch<?, V> patch) {
    if (config.successMessage != null) {
      throw new IllegalStateException(
          "an optimistic mutation never toasts success (the UI already changed): remove successMessage");
    }
    config.optimistic = true;
    config.toastErrors = true;
    config.errorMessage = null; // the next stage demands the message, stated for this mode
    config.patches.add(patch);
    return new OptimisticMutationBuilder.Draft<>(client, config);
  }
}
