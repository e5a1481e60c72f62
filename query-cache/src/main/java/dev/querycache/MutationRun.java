package dev.querycache;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One run of a {@link Mutation}: the cycle as a state machine. {@link #start()} performs the
 * mutate step on the caller's thread; {@link #execute()} runs the mutation function when the
 * run's scope allows; {@link #settle} takes the success or the error path, then the settle
 * invalidation, then completes the future. See {@link Mutation} for the contract.
 */
final class MutationRun<V, R, C> implements MutationScope, Retryer.Listener {
  private static final System.Logger LOG = System.getLogger(Mutation.class.getName());
  /** Marks a snapshot of a key that had no data. */
  private static final Object NO_DATA = new Object();

  private final Mutation<V, R, C> mutation;
  private final QueryClient client;
  private final MutationConfig<V, R, C> config;
  final V variables;
  final long id;
  private final CompletableFuture<R> future = new CompletableFuture<>();
  /** Visible data of each patched key before this run patched it. Written in start only. */
  private final Map<QueryKey<?>, Object> snapshots = new LinkedHashMap<>();
  /** The queries holding this run's layers. Written in start only. */
  private final Set<Query<?>> patched = new LinkedHashSet<>();
  private volatile MutationState<V, R, C> state;
  private volatile @Nullable C context;
  private volatile @Nullable Thread mutateThread; // set while onMutate runs

  MutationRun(Mutation<V, R, C> mutation, V variables) {
    this.mutation = mutation;
    this.client = mutation.client;
    this.config = mutation.config;
    this.variables = variables;
    this.id = client.nextSequence();
    this.state =
        new MutationState<>(
            id, config.mutationKey, MutationStatus.PENDING, variables, null, null, null,
            client.now(), 0, null, false);
  }

  MutationState<V, R, C> state() {
    return state;
  }

  /** Whether a snapshot value stands for "the key had no data". */
  static boolean isNoData(Object snapshot) {
    return snapshot == NO_DATA;
  }

  CompletableFuture<R> future() {
    return future;
  }

  @Nullable String scopeId() {
    return config.scope;
  }

  private void setState(MutationState<V, R, C> next) {
    state = next;
    mutation.runChanged(this);
    client.cacheChanged();
  }

  // ---- step 1: mutate, on the caller's thread ----------------------------------------------

  void start() {
    client.notifier.batch(
        () -> {
          client.mutations.add(this);
          setState(state);
          try {
            for (MutationPatch<?, V> patch : config.patches) {
              applyPatch(patch);
            }
            for (MutationHooks hooks : client.mutationHooks) {
              hooks.onMutate(state);
            }
            if (config.onMutate != null) {
              mutateThread = Thread.currentThread();
              try {
                context = config.onMutate.onMutate(variables, this);
              } finally {
                mutateThread = null;
              }
              setState(state.withContext(context));
            }
          } catch (Throwable error) {
            fail(error);
            return;
          }
          client.mutations.enqueue(this);
        });
  }

  private <T> void applyPatch(MutationPatch<T, V> patch) {
    for (QueryKey<T> key : patch.keys(client)) {
      if (client.cache.get(key) != null) {
        patchKey(key, data -> patch.projection.apply(data, variables), false);
      }
    }
  }

  /** Cancel, snapshot, patch: one key's part of step 1. */
  private <T> void patchKey(QueryKey<T> key, UnaryOperator<T> patch, boolean constant) {
    Query<T> existing = client.cache.get(key);
    if (existing != null) {
      client.cache.cancel(existing);
    }
    OptimisticLayer<T> layer = new OptimisticLayer<>(this, id, patch, constant);
    Object[] holder = new Object[1];
    Query<T> query =
        Objects.requireNonNull(
            client.cache.compute(
                key,
                client.resolve(key, null),
                live -> {
                  T before = live.addLayer(layer);
                  holder[0] = before == null ? NO_DATA : before;
                  return live;
                }));
    snapshots.putIfAbsent(key, holder[0]);
    patched.add(query);
  }

  // ---- step 2: the mutation function -------------------------------------------------------

  /** Runs the mutation function; called by the mutation cache when the scope allows. */
  void execute() {
    Retryer<R> retryer = new Retryer<>("the mutation function of " + mutation, this::call, config.retry, client, this);
    retryer.result().whenComplete(this::settle);
    retryer.start();
  }

  private CompletionStage<R> call(Retryer<R> retryer) throws Exception {
    AsyncMutationFunction<V, R> async = config.asyncFunction;
    if (async != null) {
      return async.mutate(variables);
    }
    MutationFunction<V, R> blocking = Objects.requireNonNull(config.blockingFunction);
    return retryer.runBlocking(client.fetchExecutor, () -> blocking.mutate(variables));
  }

  @Override
  public void attemptFailed(int failureCount, Throwable error) {
    setState(state.withFailure(failureCount, error));
  }

  @Override
  public void pausedChanged(boolean paused) {
    setState(state.withPaused(paused));
  }

  void waitForScope() {
    setState(state.withPaused(true));
  }

  void scopeReady() {
    setState(state.withPaused(false));
    execute();
  }

  // ---- steps 3 and 4: settle ---------------------------------------------------------------

  private void settle(@Nullable R result, @Nullable Throwable error) {
    client.notifier.batch(
        () -> {
          if (error != null) {
            setState(state.withFailure(state.failureCount() + 1, error)); // the last attempt
          }
          if (error == null) {
            succeed(Objects.requireNonNull(result));
          } else {
            fail(error);
          }
        });
  }

  private void succeed(R result) {
    long successSequence = client.nextSequence();
    for (Query<?> query : patched) {
      query.layersSucceeded(this, successSequence);
    }
    MutationState<V, R, C> now = state;
    C ctx = context;
    try {
      for (MutationHooks hooks : client.mutationHooks) {
        hooks.onSuccess(result, now);
      }
      if (config.onSuccess != null) {
        config.onSuccess.onSuccess(result, variables, ctx);
      }
      for (MutationHooks hooks : client.mutationHooks) {
        hooks.onSettled(result, null, now);
      }
      if (config.onSettled != null) {
        config.onSettled.onSettled(result, null, variables, ctx);
      }
    } catch (Throwable error) {
      fail(error);
      return;
    }
    CompletableFuture<Void> refetches = invalidate(true);
    Runnable finish = () -> {
      setState(state.with(MutationStatus.SUCCESS, result, null));
      client.mutations.finished(this);
      toastSuccess(result);
      future.complete(result);
    };
    // Folding first, so code chained on the future never sees this run's layers.
    refetches.whenComplete((ignored, failure) -> client.notifier.batch(() -> {
      foldLayers();
      if (config.awaitSettle) {
        finish.run();
      }
    }));
    if (!config.awaitSettle) {
      finish.run();
    }
  }

  private void fail(Throwable error) {
    removeLayers();
    MutationState<V, R, C> now = state;
    C ctx = context;
    for (MutationHooks hooks : client.mutationHooks) {
      quietly("a mutation hook's onError", () -> hooks.onError(error, now));
    }
    if (config.onError != null) {
      quietly("onError", () -> config.onError.onError(error, variables, ctx));
    }
    for (MutationHooks hooks : client.mutationHooks) {
      quietly("a mutation hook's onSettled", () -> hooks.onSettled(null, error, now));
    }
    if (config.onSettled != null) {
      quietly("onSettled", () -> config.onSettled.onSettled(null, error, variables, ctx));
    }
    if (config.toastErrors) {
      String message = config.errorMessageFor(variables);
      quietly("the toaster", () -> client.toaster.error(message, error));
    }
    CompletableFuture<Void> refetches = invalidate(false);
    Runnable finish = () -> client.notifier.batch(() -> {
      setState(state.with(MutationStatus.ERROR, null, error));
      client.mutations.finished(this);
      future.completeExceptionally(error);
    });
    if (config.awaitSettle) {
      refetches.whenComplete((ignored, failure) -> finish.run());
    } else {
      finish.run();
    }
  }

  /**
   * The settle invalidation: what the run patched, what was declared, and the plugin's, each
   * query once (two filters selecting one query must not start two refetches, the second
   * replacing the first).
   */
  private CompletableFuture<Void> invalidate(boolean success) {
    List<QueryFilter> filters = new ArrayList<>();
    for (MutationPatch<?, V> patch : config.patches) {
      filters.add(patch.settleFilter());
    }
    for (Query<?> query : patched) {
      filters.add(QueryFilter.exact(query.key)); // keys patched by hand through the scope
    }
    for (var declared : config.settleInvalidations) {
      try {
        Collection<QueryFilter> more = declared.apply(variables);
        if (more == null) {
          throw new NullPointerException("an invalidateFor function returned null");
        }
        filters.addAll(more);
      } catch (RuntimeException e) {
        // The run has settled; a broken invalidation set must not leave it pending forever.
        LOG.log(Level.WARNING, "an invalidateFor function of " + mutation + " failed; its filters are skipped", e);
      }
    }
    if (success && config.pluginInvalidation != null) {
      filters.add(config.pluginInvalidation);
    }
    return client.invalidateAll(filters);
  }

  private void removeLayers() {
    for (Query<?> query : patched) {
      client.cache.compute(query.key, null, live -> live == query && query.removeLayers(this));
      if (query.isRemoved()) {
        query.removeLayers(this); // left the cache meanwhile: keep its state tidy all the same
      }
    }
  }

  private void foldLayers() {
    for (Query<?> query : patched) {
      client.cache.compute(query.key, null, live -> {
        if (live == query) {
          query.foldLayers(this);
        }
        return live;
      });
    }
  }

  private void toastSuccess(R result) {
    if (config.optimistic) {
      if (config.hasUndo()) {
        Optional<String> mutationId = Objects.requireNonNull(config.undoId).apply(result);
        if (mutationId != null && mutationId.isPresent()) {
          String message = Objects.requireNonNull(config.undoMessage).apply(variables);
          UndoOffer offer = new MutationUndo<>(client, config, variables, mutationId.get(), snapshots);
          quietly("the toaster", () -> client.toaster.undo(message, offer));
        }
      }
      return; // the UI already changed: no success toast
    }
    if (config.successMessage != null) {
      String message = config.successMessage;
      quietly("the toaster", () -> client.toaster.success(message));
    }
  }

  private static void quietly(String what, ThrowingRunnable body) {
    try {
      body.run();
    } catch (Throwable e) {
      LOG.log(Level.WARNING, what + " threw; the run's outcome is unchanged", e);
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  // ---- MutationScope, valid during onMutate ------------------------------------------------

  private void checkInMutate() {
    if (mutateThread != Thread.currentThread()) {
      throw new IllegalStateException("a MutationScope is usable only during onMutate, on its thread");
    }
  }

  @Override
  @SuppressWarnings("unchecked") // snapshots hold each key's own data type
  public <T> Optional<T> snapshot(QueryKey<T> key) {
    Objects.requireNonNull(key, "key == null");
    checkInMutate();
    Object before = snapshots.get(key);
    if (before == null) {
      return client.getQueryData(key);
    }
    return before == NO_DATA ? Optional.empty() : Optional.of((T) before);
  }

  @Override
  public void cancelQueries(QueryFilter filter) {
    checkInMutate();
    client.cancelQueries(filter);
  }

  @Override
  public <T> void setQueryData(QueryKey<T> key, T data) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(data, "data == null");
    checkInMutate();
    patchKey(key, ignored -> data, true);
  }

  @Override
  public <T> void updateQueryData(QueryKey<T> key, UnaryOperator<T> patch) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(patch, "patch == null");
    checkInMutate();
    patchKey(key, patch, false);
  }

  @Override
  public QueryClient client() {
    return client;
  }

  @Override
  public String toString() {
    return "MutationRun#" + id + " of " + mutation + " " + state.status();
  }
}
