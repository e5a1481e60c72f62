package dev.querycache;

import dev.querycache.internal.mutation.MutationConfig;
import dev.querycache.internal.mutation.MutationCore;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A write to the server, built once ({@link QueryClient#mutation(MutationFunction)}) and run
 * many times. Each run goes through the cycle its builder fixed:
 *
 * <ol>
 *   <li><b>Mutate</b>, on the caller's thread: for each key an optimistic mutation patches,
 *       the refetch in flight is cancelled (a first load goes on), the data is snapshot and
 *       the projection applied as this run's layer; then the client's hooks and
 *       {@code onMutate} run and give the context. When {@link #mutate} returns, every observer of the patched keys has been
 *       scheduled with the patched data.
 *   <li>The mutation function runs (after earlier runs of its scope, retried per its policy).
 *   <li><b>Success</b>: hooks, {@code onSuccess}, {@code onSettled}; or <b>error</b>: the
 *       run's layers are removed first (other runs' layers survive), then hooks,
 *       {@code onError}, {@code onSettled}, and the error toast. An undoable success shows its
 *       undo toast here, when the server answered.
 *   <li><b>Settle</b>: the patched keys and the declared filters are invalidated (the active
 *       ones refetch); the run's future completes after those refetches unless told not to
 *       wait. A succeeded run's layers stay until data that includes the change lands
 *       (fetched by a fetch started after the success, or written by hand after it), so
 *       nothing flashes back; they are never taken for the server's data: a failed settle
 *       refetch leaves them showing, the query invalidated, until data lands.
 * </ol>
 *
 * <p>A run settles exactly once, by the first of: its function's answer; one of its
 * projections throwing when applied again over newer data (its layer is dropped and the run
 * fails with that error, at once if its function was not called yet, else when it answers);
 * or the client's {@linkplain QueryClient#close() close} (the run ends cancelled, with no
 * callback, toast or refetch). A later answer is discarded.
 *
 * <p>Callback order and failure rules follow TanStack Query: hooks before the mutation's own
 * callbacks; the status changes after them; a throw in {@code onMutate} or in the success
 * path switches to the error path; a throw in the error path is logged and the caller sees the
 * original error; "a throw" is anything, checked exceptions and virtual-machine errors
 * included (see {@link QueryObserver} for the one rule).
 *
 * <p><b>Threads.</b> {@code onMutate} (and the hooks' {@code onMutate}) runs on the caller's
 * thread, inside {@link #mutate}. Everything after it runs on the client's notify executor
 * (the EDT for a Swing client), after the transition it reports, whichever thread the
 * server's answer came in on: the hooks', {@code onSuccess}, {@code onError},
 * {@code onSettled}, the message and undo functions, the toasts, and the completion of the
 * future {@link #mutate} returns. See the guide's Threads page.
 *
 * <p>Thread-safe: runs may start from any thread, concurrently.
 *
 * @param <V> the variables
 * @param <R> the server's result
 * @param <C> the context {@code onMutate} returns
 * @since 0.1.0
 */
public final class Mutation<V, R, C> {
  private static final System.Logger LOG = System.getLogger(Mutation.class.getName());

  private final MutationCore<V, R, C> core;

  Mutation(MutationCore<V, R, C> core) {
    this.core = core;
  }

  /**
   * Starts a run.
   *
   * @param variables what to write
   * @return a future of the server's result; it completes on the notify executor after the
   *     settle step (see the class comment), or fails with the run's error: the mutation
   *     function's, or what a callback of the mutate or success path threw. On a client that
   *     knows its notify thread, {@code get()} and {@code join()} there before it completes
   *     throw an {@link IllegalStateException}: that wait could never end
   * @throws NullPointerException if {@code variables} is null
   * @throws IllegalStateException if the client is {@linkplain QueryClient#close() closed}
   */
  public CompletableFuture<R> mutate(V variables) {
    Objects.requireNonNull(variables, "variables == null");
    return core.mutate(variables);
  }

  /**
   * Starts a run and forgets it: its outcome reaches the callbacks and the toaster only.
   *
   * @param variables what to write
   * @throws NullPointerException if {@code variables} is null
   * @throws IllegalStateException if the client is {@linkplain QueryClient#close() closed}
   */
  public void fire(V variables) {
    mutate(variables).whenComplete((result, error) -> {
      if (error != null) {
        LOG.log(Level.DEBUG, "a fired mutation failed (already reported through its callbacks)", error);
      }
    });
  }

  /**
   * The state of the latest run, or an idle state if it never ran.
   *
   * @return the state
   */
  public MutationState<V, R, C> state() {
    return core.state();
  }

  /**
   * Calls {@code listener} with the latest run's state whenever it changes (at once with the
   * current one), on the client's notify executor, coalesced like query results.
   *
   * @param listener receives states
   * @return closing it stops the calls
   * @throws NullPointerException if {@code listener} is null
   */
  public AutoCloseable observe(Consumer<? super MutationState<V, R, C>> listener) {
    Objects.requireNonNull(listener, "listener == null");
    return core.observe(listener);
  }

  /**
   * The mutation key, if it has one.
   *
   * @return the key, or null
   */
  public @Nullable QueryKey<?> mutationKey() {
    return core.config.mutationKey;
  }

  /**
   * Whether the mutation patches the cache optimistically.
   *
   * @return {@code true} if built through {@link MutationBuilder#optimistic}
   */
  public boolean isOptimistic() {
    return core.config.optimistic;
  }

  /**
   * Whether the mutation is in sync mode: calls with the same key coalesce into one channel
   * (see {@link OptimisticMutationBuilder#sync(Function, int)}). Any thread.
   *
   * @return {@code true} if built with {@code sync(...)} or made by {@link #synced}
   */
  public boolean isSync() {
    return core.isSync();
  }

  /**
   * Whether the mutation is in exclusive mode: a call for a busy key is refused (see
   * {@link AbstractMutationBuilder#exclusive}). Any thread.
   *
   * @return {@code true} if built with {@code exclusive(...)}
   */
  public boolean isExclusive() {
    return "exclusive".equals(core.config.mode());
  }

  /**
   * Whether a run's success can offer an undo (built with
   * {@link OptimisticMutationBuilder#undoable}). Any thread.
   *
   * @return {@code true} if undoable
   */
  public boolean isUndoable() {
    return core.config.hasUndo();
  }

  /**
   * A twin of this mutation in sync mode, with at most
   * {@value OptimisticMutationBuilder#DEFAULT_MAX_FOLLOW_UPS} follow-ups: the same function,
   * patches, callbacks and messages, with its own runs and channels (calls of this mutation
   * and of the twin never coalesce). What a toggle bound to a plain optimistic mutation uses,
   * so that hammering it sends one request in flight and at most one follow-up. Any thread.
   *
   * @param key the channel of a call, from its variables; must not return null
   * @return a new mutation in sync mode
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalStateException if the mutation is not optimistic, is undoable, or is
   *     already sync or exclusive
   */
  public Mutation<V, R, C> synced(Function<? super V, ?> key) {
    Objects.requireNonNull(key, "key == null");
    if (!isOptimistic()) {
      throw new IllegalStateException("only an optimistic mutation can be synced: " + this);
    }
    if (isUndoable()) {
      throw new IllegalStateException("a sync mutation is not undoable: " + this + " is");
    }
    String mode = core.config.mode();
    if (mode != null) {
      throw new IllegalStateException(this + " is already " + mode);
    }
    return new Mutation<>(core.twin(MutationConfig.syncStage(key, OptimisticMutationBuilder.DEFAULT_MAX_FOLLOW_UPS)));
  }

  /**
   * What a control that writes a value (a toggle, a boolean cell) should run: this mutation
   * itself if it already decides how calls for a key meet (sync or exclusive) or cannot
   * coalesce (undoable, or not optimistic), else its {@linkplain #synced sync twin} keyed by
   * {@code key}. Swing's and JavaFX's {@code QueryToggle} use it. Any thread.
   *
   * @param key the channel of a call, from its variables, for the twin
   * @return this mutation, or a new sync twin
   * @throws NullPointerException if {@code key} is null
   */
  public Mutation<V, R, C> coalescedBy(Function<? super V, ?> key) {
    Objects.requireNonNull(key, "key == null");
    return !isOptimistic() || isSync() || isExclusive() || isUndoable() ? this : synced(key);
  }

  /** The engine's side of this handle (for the library's own tests). */
  MutationCore<V, R, C> core() {
    return core;
  }

  @Override
  public String toString() {
    return core.toString();
  }
}
