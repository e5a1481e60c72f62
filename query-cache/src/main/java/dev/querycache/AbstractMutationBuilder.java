package dev.querycache;

import dev.querycache.internal.mutation.MutationConfig;
import dev.querycache.internal.mutation.MutationCore;
import dev.querycache.internal.runtime.BuildSite;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The settings every mutation builder has: identity, scheduling, retries, what to invalidate
 * when a run settles, the error message, and the typed callbacks. Not thread-safe; a builder
 * may be used again after {@link #build()} without changing what it built.
 *
 * @param <V> the variables
 * @param <R> the server's result
 * @param <C> the context {@code onMutate} returns
 * @param <B> the concrete builder, returned by every setter
 * @since 0.1.0
 */
public abstract class AbstractMutationBuilder<V, R, C, B extends AbstractMutationBuilder<V, R, C, B>> {
  final QueryClient client;
  MutationConfig.Draft<V, R, C> config;

  AbstractMutationBuilder(QueryClient client, MutationConfig.Draft<V, R, C> config) {
    this.client = client;
    this.config = config;
  }

  @SuppressWarnings("unchecked") // B is the concrete builder by construction
  private B self() {
    return (B) this;
  }

  /**
   * A key for filtering runs of this mutation ({@link QueryClient#isMutating(MutationFilter)}).
   *
   * @param key the mutation key
   * @return this builder
   * @throws NullPointerException if {@code key} is null
   */
  public B mutationKey(QueryKey<?> key) {
    config.mutationKey = Objects.requireNonNull(key, "key == null");
    return self();
  }

  /**
   * What a person calls this mutation, such as "Mark as read": messages about it (a function
   * that returned null, a refused wait), {@link MutationState#name()} and the inspector say
   * it. Without one, the mutation is called by its key, else by where it was built.
   *
   * @param name the name
   * @return this builder
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public B name(String name) {
    Objects.requireNonNull(name, "name == null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    config.name = name;
    return self();
  }

  /**
   * How long a settled run stays in {@link QueryClient#getMutations(MutationFilter)} and the
   * inspector (by default 5 minutes, as TanStack Query's mutation {@code gcTime}); zero
   * forgets it as it settles. Pending runs are always there. The client keeps at most 10 000
   * settled runs whatever their time.
   *
   * @param gcTime zero or more
   * @return this builder
   * @throws NullPointerException if {@code gcTime} is null
   * @throws IllegalArgumentException if {@code gcTime} is negative
   */
  public B gcTime(Duration gcTime) {
    Objects.requireNonNull(gcTime, "gcTime == null");
    if (gcTime.isNegative()) {
      throw new IllegalArgumentException("gcTime must not be negative: " + gcTime);
    }
    config.gcTime = gcTime;
    return self();
  }

  /**
   * Runs of mutations sharing {@code scopeId} call their mutation functions one after
   * another, in start order; a run waiting its turn is paused. Their {@code onMutate} and
   * optimistic patches still happen at once, so the UI flips at once.
   *
   * @param scopeId the scope
   * @return this builder
   * @throws NullPointerException if {@code scopeId} is null
   * @throws IllegalArgumentException if {@code scopeId} is blank
   */
  public B scope(String scopeId) {
    Objects.requireNonNull(scopeId, "scopeId == null");
    if (scopeId.isBlank()) {
      throw new IllegalArgumentException("scopeId must not be blank");
    }
    config.scope = scopeId;
    return self();
  }

  /**
   * Exclusive mode: one run per key at a time. A call whose key (a function of its
   * variables, compared with {@code equals}, such as {@code vars -> vars.orderId()}) has a
   * run that has not settled is refused at once: its future fails with a
   * {@link MutationRefusedException}, nothing is painted or sent, and no run is recorded, so
   * a double click on "Send" sends once and says so. Calls with other keys run as usual. The
   * key function runs on the calling thread; what it throws fails that call's future.
   *
   * @param key the key of a call, from its variables; must not return null
   * @return this builder
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalStateException if the mutation is already sync or exclusive
   */
  public B exclusive(Function<? super V, ?> key) {
    config.exclusive(Objects.requireNonNull(key, "key == null"));
    return self();
  }

  /**
   * How failed attempts of the mutation function are retried (by default, never).
   *
   * @param retry the policy
   * @return this builder
   * @throws NullPointerException if {@code retry} is null
   */
  public B retry(RetryPolicy retry) {
    config.retry = Objects.requireNonNull(retry, "retry == null");
    return self();
  }

  /**
   * Shorthand for {@code retry(RetryPolicy.exponential(retries))}.
   *
   * @param retries the most retries
   * @return this builder
   * @throws IllegalArgumentException if {@code retries} is negative
   */
  public B retry(int retries) {
    config.retry = RetryPolicy.exponential(retries);
    return self();
  }

  /**
   * Also invalidates the queries {@code filter} selects when a run settles, after success and
   * after failure (an optimistic mutation always invalidates the keys it patched).
   *
   * @param filter which queries
   * @return this builder
   * @throws NullPointerException if {@code filter} is null
   */
  public B invalidate(QueryFilter filter) {
    Objects.requireNonNull(filter, "filter == null");
    config.settleInvalidations.add(variables -> List.of(filter));
    return self();
  }

  /**
   * Also invalidates, when a run settles, the queries the filters computed from its
   * variables select: per-action invalidation sets for a funnel.
   *
   * @param filters the filters for given variables; may be empty, never null
   * @return this builder
   * @throws NullPointerException if {@code filters} is null
   */
  public B invalidateFor(Function<? super V, ? extends Collection<QueryFilter>> filters) {
    config.settleInvalidations.add(Objects.requireNonNull(filters, "filters == null"));
    return self();
  }

  /**
   * Whether {@link Mutation#mutate(Object)}'s future waits for the refetches the settle
   * invalidation starts (default {@code true}): with it, code after the future sees the
   * server's truth.
   *
   * @param await {@code false} to complete as soon as the server answered
   * @return this builder
   */
  public B awaitSettle(boolean await) {
    config.awaitSettle = await;
    return self();
  }

  /**
   * The error toast's message for a failed run.
   *
   * @param message such as "Failed to mark as read"
   * @return this builder
   * @throws NullPointerException if {@code message} is null
   */
  public B errorMessage(String message) {
    Objects.requireNonNull(message, "message == null");
    config.errorMessage = variables -> message;
    return self();
  }

  /**
   * The error toast's message for a failed run, by its variables: per-action messages for a
   * funnel.
   *
   * @param message the message for given variables
   * @return this builder
   * @throws NullPointerException if {@code message} is null
   */
  public B errorMessage(Function<? super V, String> message) {
    config.errorMessage = Objects.requireNonNull(message, "message == null");
    return self();
  }

  /**
   * Called after the server accepted the write, after the client's hooks. A throw turns the
   * run into a failure (its layers are removed, {@code onError} runs).
   *
   * @param callback gets the result, the variables and the context
   * @return this builder
   * @throws NullPointerException if {@code callback} is null
   */
  public B onSuccess(OnSuccess<V, R, C> callback) {
    Objects.requireNonNull(callback, "callback == null");
    config.onSuccess = (result, variables, context) -> {
      callback.onSuccess(result, variables, context);
      return null;
    };
    return self();
  }

  /**
   * Like {@link #onSuccess(OnSuccess)}, for a callback that returns a stage the run waits for
   * (TanStack's callbacks that return a promise): the next callbacks, the toast, the settle
   * invalidation and the future wait for it; a stage that fails turns the run into a failure.
   * Replaces an {@code onSuccess} set before.
   *
   * @param callback gets the result, the variables and the context; returns a stage or null
   * @return this builder
   * @throws NullPointerException if {@code callback} is null
   */
  public B onSuccessAsync(AsyncOnSuccess<V, R, C> callback) {
    config.onSuccess = Objects.requireNonNull(callback, "callback == null");
    return self();
  }

  /**
   * Called after a failure, once the library removed the run's layers. A throw is logged; the
   * caller still sees the original error.
   *
   * @param callback gets the error, the variables and the context (null if onMutate failed)
   * @return this builder
   * @throws NullPointerException if {@code callback} is null
   */
  public B onError(OnError<V, C> callback) {
    Objects.requireNonNull(callback, "callback == null");
    config.onError = (error, variables, context) -> {
      callback.onError(error, variables, context);
      return null;
    };
    return self();
  }

  /**
   * Like {@link #onError(OnError)}, for a callback that returns a stage the run waits for
   * before its {@code onSettled}, toast, settle invalidation and future; a stage that fails is
   * logged. Replaces an {@code onError} set before.
   *
   * @param callback gets the error, the variables and the context; returns a stage or null
   * @return this builder
   * @throws NullPointerException if {@code callback} is null
   */
  public B onErrorAsync(AsyncOnError<V, C> callback) {
    config.onError = Objects.requireNonNull(callback, "callback == null");
    return self();
  }

  /**
   * Called after {@code onSuccess} or {@code onError}, before the settle invalidation.
   *
   * @param callback gets the result or the error, the variables and the context
   * @return this builder
   * @throws NullPointerException if {@code callback} is null
   */
  public B onSettled(OnSettled<V, R, C> callback) {
    Objects.requireNonNull(callback, "callback == null");
    config.onSettled = (result, error, variables, context) -> {
      callback.onSettled(result, error, variables, context);
      return null;
    };
    return self();
  }

  /**
   * Like {@link #onSettled(OnSettled)}, for a callback that returns a stage the run waits for
   * before its toast, settle invalidation and future: keep a mutation pending until an extra
   * refetch lands with {@code (result, error, variables, context) -> client.refetchQueries(filter)}.
   * After a success, a stage that fails turns the run into a failure; after a failure, it is
   * logged. Replaces an {@code onSettled} set before.
   *
   * @param callback gets the result or the error, the variables and the context; returns a
   *     stage or null
   * @return this builder
   * @throws NullPointerException if {@code callback} is null
   */
  public B onSettledAsync(AsyncOnSettled<V, R, C> callback) {
    config.onSettled = Objects.requireNonNull(callback, "callback == null");
    return self();
  }

  /**
   * Drops the invalidation of the plugin's queries on success that a mutation built from a
   * {@link PluginScope} has by default; its other invalidations stay.
   *
   * @return this builder
   * @throws IllegalStateException if this mutation was not built from a plugin scope
   */
  public B withoutPluginInvalidation() {
    if (config.pluginInvalidation == null) {
      throw new IllegalStateException(
          "withoutPluginInvalidation() applies to mutations built from a PluginScope");
    }
    config.pluginInvalidation = null;
    return self();
  }

  /**
   * Builds the mutation.
   *
   * @return a mutation that can run many times
   * @throws IllegalStateException naming what is missing or inconsistent
   */
  public Mutation<V, R, C> build() {
    validate();
    config.builtAt = BuildSite.ofCaller();
    return new Mutation<>(new MutationCore<>(client.engine.mutations, config.freeze()));
  }

  /** Refuses inconsistent settings; the message says what is missing. */
  void validate() {
    if (config.undoId != null && config.undoMessage == null) {
      throw new IllegalStateException("an undoable mutation needs an undo message: call undoable(...) with one");
    }
  }
}
