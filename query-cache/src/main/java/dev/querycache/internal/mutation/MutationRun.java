package dev.querycache.internal.mutation;

import dev.querycache.AsyncMutationFunction;
import dev.querycache.MutationFunction;
import dev.querycache.MutationHooks;
import dev.querycache.MutationState;
import dev.querycache.MutationStatus;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.internal.runtime.Callbacks;
import dev.querycache.internal.runtime.NotifyFuture;
import dev.querycache.internal.runtime.Retryer;
import dev.querycache.internal.layer.LayerOwner;
import dev.querycache.internal.layer.LayerStack;
import dev.querycache.internal.query.DataTypeCheck;
import dev.querycache.internal.query.OwnerLayers;
import dev.querycache.internal.query.Query;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One run of a {@code Mutation}: the cycle as a state machine. {@link #start()} performs the
 * mutate step on the caller's thread; {@link #execute()} runs the mutation function when the
 * run's scope allows; {@link #settle} takes the success or the error path, then the settle
 * invalidation, then completes the future. See {@code Mutation} for the contract.
 *
 * <p>A run settles exactly once, by whichever comes first: its function's answer, one of its
 * layers failing when applied again over newer data ({@link #layerFailed}: the run fails at
 * once if its function has not been called yet, else when the function answers, with the
 * projection's error), or the client's close ({@link #abort}: cancelled, without callbacks,
 * toasts or refetches). A late answer after that is discarded.
 */
public final class MutationRun<V, R, C> implements Retryer.Listener, LayerOwner, Admissible {

  private final MutationCore<V, R, C> mutation;
  private final MutationEngine engine;
  private final MutationConfig<V, R, C> config;
  final V variables;
  final long id;
  private final NotifyFuture<R> future;
  /**
   * Completes when the run's settle steps are done and its settle invalidation has started:
   * the moment a reconnection lets the queries go on (their refetches then join the settle's).
   */
  private final CompletableFuture<Void> settleStarted = new CompletableFuture<>();
  /** The run's own layers, the snapshots taken before them, and the queries holding them. */
  private final OwnerLayers ownLayers;
  /** The rapid-toggle channel the run joined (sync mode), whose layers it paints; or null. */
  private volatile @Nullable SyncChannel channel;
  /** The run's call number in its channel: the layer shows the latest call's patches. */
  private volatile long syncCall;
  /** Claimed by the one path that settles the run. */
  private final AtomicBoolean settling = new AtomicBoolean();
  private volatile MutationState<V, R, C> state;
  private volatile @Nullable C context;
  private volatile @Nullable Thread mutateThread; // set while onMutate runs
  private boolean started; // guarded by this: the mutate step is over
  private @Nullable Retryer<R> retryer; // guarded by this: set when the function is called
  private @Nullable Throwable doomed; // guarded by this: a layer's patch failed when reapplied
  private @Nullable CancellationException abortCause; // guarded by this: closed during mutate
  // The mutation cache's list of unfinished runs, guarded by the cache's monitor (see MutationCache).
  @Nullable MutationRun<?, ?, ?> olderUnfinished;
  @Nullable MutationRun<?, ?, ?> newerUnfinished;
  boolean listedUnfinished;

  MutationRun(MutationCore<V, R, C> mutation, V variables) {
    this.mutation = mutation;
    this.engine = mutation.engine;
    this.config = mutation.config;
    this.variables = variables;
    this.id = engine.runtime.nextSequence();
    this.future = new NotifyFuture<>(engine.runtime.notifier, mutation);
    this.ownLayers = new OwnerLayers(engine.queries, this, id, false);
    this.state =
        new MutationState<>(
            id, config.displayName(), config.mutationKey, MutationStatus.PENDING, variables, null, null, null,
            engine.runtime.now(), 0, null, false);
  }

  MutationState<V, R, C> state() {
    return state;
  }

  MutationEngine engine() {
    return engine;
  }

  @Override
  public Object variables() {
    return variables;
  }

  /** The run joined {@code joined} as its call number {@code call} (sync mode; under the stage's lock). */
  void joined(SyncChannel joined, long call) {
    this.channel = joined;
    this.syncCall = call;
  }

  /** The channel the run joined, or null outside sync mode. */
  @Nullable SyncChannel syncChannel() {
    return channel;
  }

  /** The layers the run paints: its channel's in sync mode, else its own. */
  private OwnerLayers layers() {
    SyncChannel joined = channel;
    return joined != null ? joined.layers : ownLayers;
  }

  CompletableFuture<R> future() {
    return future;
  }

  /** How long the run is remembered once settled. */
  long gcNanos() {
    return config.gcNanos;
  }

  @Override
  public @Nullable String scopeId() {
    return config.scope;
  }

  /** Applies {@code action} (see {@link MutationAction}) and tells the observers. */
  private void dispatch(MutationAction<V, R, C> action) {
    state = action.reduce(state);
    announce();
  }

  /** Tells the mutation's observers and the cache listeners of the run's state. */
  private void announce() {
    mutation.runChanged(this);
    engine.runtime.cacheChanged();
  }

  /** Takes the right to settle the run; false if another path settles it. */
  private boolean claim() {
    return settling.compareAndSet(false, true);
  }

  // ---- step 1: mutate, on the caller's thread ----------------------------------------------

  void start() {
    engine.runtime.notifier.batch(
        () -> {
          if (!engine.runs.add(this)) {
            claim(); // closed since mutate's check: this run never begins
            abandon(new CancellationException("the QueryClient was closed"), false);
            return;
          }
          announce(); // the run exists: pending
          SyncStage sync = mutation.sync;
          Throwable failure = sync == null ? null : Callbacks.capture(() -> {
            sync.join(this);
          });
          if (failure == null) {
            failure = Callbacks.capture(this::mutateStep);
          }
          SyncChannel joined = channel;
          if (joined != null) {
            joined.stage.painted(joined, failure); // a failure dooms the channel: the run ends with it
          }
          CancellationException aborted;
          Throwable doom;
          synchronized (this) {
            started = true;
            aborted = abortCause;
            doom = doomed;
          }
          Throwable cause = failure != null ? failure : doom;
          if (aborted != null) {
            if (claim()) {
              abandon(aborted, true);
            }
          } else if (cause != null && joined == null) {
            if (claim()) {
              engine.runtime.notifier.post(() -> fail(cause));
            }
          } else {
            engine.runs.enqueue(this);
          }
        });
  }

  private void mutateStep() throws Exception {
    for (MutationPatch<?, V> patch : config.patches) {
      applyPatch(patch);
    }
    for (MutationHooks hooks : engine.hooks) {
      hooks.onMutate(state);
    }
    if (config.onMutate != null) {
      mutateThread = Thread.currentThread();
      try {
        context = config.onMutate.onMutate(variables, engine.scopeOf(this));
      } finally {
        mutateThread = null;
      }
      dispatch(new MutationAction.Mutated<>(context));
    }
  }

  private <T> void applyPatch(MutationPatch<T, V> patch) {
    for (QueryKey<T> key : patch.keys(engine)) {
      if (engine.queries.cache.get(key) != null) {
        patchKey(key, data -> patch.projection.apply(data, variables), false);
      }
    }
  }

  /** Cancel, snapshot, patch: one key's part of step 1. */
  private <T> void patchKey(QueryKey<T> key, UnaryOperator<T> patch, boolean constant) {
    SyncChannel joined = channel;
    layers().patch(key, patch, constant, joined != null ? syncCall : id);
  }

  // ---- step 2: the mutation function -------------------------------------------------------

  /** The run settled: the stages of its mutation's chain release it. */
  void released() {
    mutation.chain.released(this);
  }

  /** Sends the run through its mutation's admission chain; it settles with what the chain answers. */
  void admit() {
    CompletionStage<R> outcome = mutation.chain.start(this, variables, this::callFunction);
    if (outcome instanceof CompletableFuture<R> done && done.isDone() && !done.isCompletedExceptionally()) {
      settle(done.getNow(null), null); // answered at once: nothing to chain on
      return;
    }
    outcome.handle((result, error) -> {
      settle(result, error);
      return null;
    });
  }

  /**
   * Calls the mutation function with {@code sent}, retrying by the policy: the end of the
   * admission chain (a channel's follow-up calls it again, with the latest variables). A run
   * that settled while it waited for its turn never calls it.
   */
  private CompletionStage<R> callFunction(V sent) {
    Retryer<R> attempts;
    synchronized (this) {
      if (settling.get() || doomed != null) {
        return CompletableFuture.failedFuture(new CancellationException("the run settled before its turn"));
      }
      attempts = new Retryer<>(() -> "the mutation function of " + mutation, a -> call(a, sent), config.retry, engine.runtime, this, true);
      retryer = attempts;
    }
    if (config.resultless) {
      attempts.acceptNullResults();
    }
    attempts.start();
    return attempts.result();
  }

  private CompletionStage<R> call(Retryer<R> attempts, V sent) throws Exception {
    AsyncMutationFunction<V, R> async = config.asyncFunction;
    if (async != null) {
      return async.mutate(sent);
    }
    MutationFunction<V, R> blocking = Objects.requireNonNull(config.blockingFunction);
    return attempts.runBlocking(engine.runtime.fetchExecutor, () -> blocking.mutate(sent));
  }

  @Override
  public void attemptFailed(int failureCount, Throwable error) {
    dispatch(new MutationAction.AttemptFailed<>(failureCount, error));
  }

  /** The run has settled as far as a reconnection cares, or ended in any other way. */
  @Override
  public CompletionStage<?> settlement() {
    return CompletableFuture.anyOf(settleStarted, future);
  }

    @Override
  public void pausedChanged(boolean paused) {
    dispatch(new MutationAction.Paused<>(paused));
  }

  /**
   * The run waits for its turn in an admission stage ({@code true}), or its turn came
   * ({@code false}); returns false, changing nothing, if it settled meanwhile (a failed
   * layer, the close).
   */
  @Override
  public boolean waiting(boolean waiting) {
    if (settling.get()) {
      return false;
    }
    dispatch(new MutationAction.Paused<>(waiting));
    return true;
  }

  // ---- what can end a run early --------------------------------------------------------------

  /** The mutation's name and this run's id, such as {@code "archive #12"}. */
  @Override
  public String name() {
    return state.runName();
  }

  /**
   * One of this run's layers threw when applied again: the query already skips it. The run
   * fails with that error, at once if nothing has been sent (queued behind its scope, waiting
   * for the network or for a retry), else when its function answers, whatever the answer.
   */
  @Override
  public void layerFailed(QueryKey<?> key, Throwable error) {
    Retryer<R> attempts;
    synchronized (this) {
      if (doomed != null) {
        return; // the first failure decides
      }
      doomed = error;
      if (!started) {
        return; // the mutate step is still under way; it fails the run when it ends
      }
      attempts = retryer;
    }
    if ((attempts == null || attempts.cancelIfIdle()) && claim()) {
      engine.runtime.notifier.post(() -> fail(error));
    }
  }

  /**
   * The client is closing: the run ends cancelled with {@code cause}, its layers removed,
   * without callbacks, toasts or refetches; its function, if running, is interrupted. A run
   * already settling (its function answered) finishes by itself, promptly, since nothing
   * refetches after the close.
   */
  void abort(CancellationException cause) {
    Retryer<R> attempts;
    synchronized (this) {
      if (!started) {
        abortCause = cause; // the mutate step ends first, then abandons the run
        return;
      }
      attempts = retryer;
    }
    if (!claim()) {
      return;
    }
    if (attempts != null) {
      attempts.cancel();
    }
    abandon(cause, true);
  }

  private void abandon(CancellationException cause, boolean registered) {
    removeLayers();
    dispatch(new MutationAction.Cancelled<>(cause));
    if (registered) {
      engine.runs.finished(this);
    }
    SyncChannel joined = channel;
    if (joined != null) {
      joined.stage.abandoned(joined);
      joined.settled.completeExceptionally(cause);
    }
    engine.runtime.notifier.post(() -> future.completeExceptionally(cause));
  }

  // ---- steps 3 and 4: settle ---------------------------------------------------------------

  private void settle(@Nullable R result, @Nullable Throwable error) {
    if (!claim()) {
      return; // failed or abandoned meanwhile: the late answer is discarded
    }
    SyncChannel joined = channel;
    if (joined != null && !joined.isVoice(this)) {
      joined.settled.whenComplete((ignored, cut) -> engine.runtime.notifier.post(() -> endQuietly(result, error, cut)));
      return;
    }
    engine.runtime.notifier.post(
        () -> {
          Throwable doom;
          synchronized (this) {
            doom = doomed;
          }
          if (error != null) {
            dispatch(new MutationAction.AttemptFailed<>(state.failureCount() + 1, error)); // the last attempt
          }
          if (doom != null) {
            if (error != null && error != doom) {
              doom.addSuppressed(error);
            }
            fail(doom);
          } else if (error == null) {
            succeed(resultOf(result));
          } else {
            fail(error);
          }
        });
  }

  /**
   * A call coalesced into a channel ends with it, once the channel's voice took the settle
   * steps: with the channel's outcome, and no layers, callbacks, toast or refetch of its own
   * ({@code cut}: the voice was abandoned, and so is this run).
   */
  private void endQuietly(@Nullable R result, @Nullable Throwable error, @Nullable Throwable cut) {
    if (cut instanceof CancellationException) {
      dispatch(new MutationAction.Cancelled<>((CancellationException) cut));
      engine.runs.finished(this);
      future.completeExceptionally(cut);
    } else if (error != null) {
      dispatch(new MutationAction.Failed<>(error));
      engine.runs.finished(this);
      future.completeExceptionally(error);
    } else {
      R done = resultOf(result);
      dispatch(new MutationAction.Succeeded<>(done));
      engine.runs.finished(this);
      future.complete(done);
    }
  }

  /** The voice of a channel took its settle steps: the channel's other runs end now. */
  private void channelSettled() {
    SyncChannel joined = channel;
    if (joined != null) {
      joined.settled.complete(null);
    }
  }

  /**
   * A successful answer's result: never null, except for a resultless mutation, whose
   * {@code R} is {@code Void} (null is its only value).
   */
  @SuppressWarnings("NullAway") // a resultless mutation's R is Void
  private R resultOf(@Nullable R result) {
    return config.resultless ? result : Objects.requireNonNull(result);
  }

  private void succeed(R result) {
    long successSequence = engine.runtime.nextSequence();
    layers().succeeded(successSequence);
    MutationState<V, R, C> now = state;
    C ctx = context;
    List<CallbackSteps.Step> steps = CallbackSteps.successPath(engine.hooks, config, result, variables, ctx, now);
    CallbackSteps.run(engine.runtime.notifier, mutation, steps, true, thrown -> {
      if (thrown != null) {
        fail(thrown); // TanStack's rule: a throw in the success path is the run's failure
      } else {
        afterSuccessCallbacks(result);
      }
    });
  }

  /** The success path after its callbacks: the toast, the settle invalidation, the future. */
  private void afterSuccessCallbacks(R result) {
    // The toast speaks when the server answered: an undo offer's window starts now, not after
    // the settle refetch (a slow list endpoint must not delay or swallow it).
    mutation.toasts.succeeded(variables, result, this::changes);
    CompletableFuture<Void> refetches = SettleInvalidation.start(engine, config, mutation, variables, layers().keys(), true);
    settleStarted.complete(null);
    Runnable finish = () -> {
      dispatch(new MutationAction.Succeeded<>(result));
      engine.runs.finished(this);
      future.complete(result);
      channelSettled();
    };
    // The layers settle first, so code chained on the future sees them folded or confirmed.
    Runnable refetched = () -> {
      engine.runtime.notifier.batch(this::settleLayers);
      if (config.awaitSettle) {
        engine.runtime.notifier.post(finish);
      }
    };
    SettleInvalidation.whenDone(refetches, refetched);
    if (!config.awaitSettle) {
      finish.run();
    }
  }

  private void fail(Throwable error) {
    removeLayers();
    MutationState<V, R, C> now = state;
    C ctx = context;
    List<CallbackSteps.Step> steps = CallbackSteps.errorPath(engine.hooks, config, error, variables, ctx, now);
    // A throw in the error path is reported and the path goes on: the caller sees the original error.
    CallbackSteps.run(engine.runtime.notifier, mutation, steps, false, ignored -> afterErrorCallbacks(error));
  }

  /** The error path after its callbacks: the toast, the settle invalidation, the future. */
  private void afterErrorCallbacks(Throwable error) {
    mutation.toasts.failed(variables, error);
    CompletableFuture<Void> refetches = SettleInvalidation.start(engine, config, mutation, variables, layers().keys(), false);
    settleStarted.complete(null);
    Runnable finish = () -> {
      dispatch(new MutationAction.Failed<>(error));
      engine.runs.finished(this);
      future.completeExceptionally(error);
      channelSettled();
    };
    if (config.awaitSettle) {
      SettleInvalidation.whenDone(refetches, () -> engine.runtime.notifier.post(finish));
    } else {
      finish.run();
    }
  }

  private void removeLayers() {
    layers().remove();
  }

  private void settleLayers() {
    layers().settle();
  }

  /** What this run's layers changed, by key, as they were last applied: what undo reverses. */
  private Map<QueryKey<?>, LayerStack.Change<?>> changes() {
    return layers().changes();
  }

  // ---- the writes of onMutate's MutationScope (RunScope), valid during onMutate -----------

  private void checkInMutate() {
    if (mutateThread != Thread.currentThread()) {
      throw new IllegalStateException("a MutationScope is usable only during onMutate, on its thread");
    }
  }

  /** The visible data of {@code key} before this run patched it. */
  @SuppressWarnings("unchecked") // snapshots hold each key's own data type
  public <T> Optional<T> snapshot(QueryKey<T> key) {
    Objects.requireNonNull(key, "key == null");
    checkInMutate();
    Object before = layers().snapshot(key);
    if (before == null) {
      Query<T> query = engine.queries.cache.get(key);
      return Optional.ofNullable(query == null ? null : query.state().data());
    }
    return OwnerLayers.isNoData(before) ? Optional.empty() : Optional.of((T) before);
  }

  /** Cancels the fetches in flight of the queries {@code filter} selects. */
  public void cancelQueries(QueryFilter filter) {
    checkInMutate();
    Objects.requireNonNull(filter, "filter == null");
    engine.queries.cancel(filter);
  }

  /** Patches {@code key} with {@code data} as a layer of this run. */
  public <T> void setQueryData(QueryKey<T> key, T data) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(data, "data == null");
    checkInMutate();
    DataTypeCheck.requireFitsKey(key, data);
    patchKey(key, ignored -> data, true);
  }

  /** Patches {@code key} with {@code patch} as a layer of this run. */
  public <T> void updateQueryData(QueryKey<T> key, UnaryOperator<T> patch) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(patch, "patch == null");
    checkInMutate();
    patchKey(key, patch, false);
  }

  @Override
  public String toString() {
    return "MutationRun#" + id + " of " + mutation + " " + state.status();
  }
}
