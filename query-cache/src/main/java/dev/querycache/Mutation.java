package dev.querycache;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
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
 * included (see {@link QueryObserver} for the one rule). Callbacks run on the thread that
 * reaches their step: {@code onMutate} on the
 * caller's, the rest on the one that completed the mutation function.
 *
 * <p>Thread-safe: runs may start from any thread, concurrently.
 *
 * @param <V> the variables
 * @param <R> the server's result
 * @param <C> the context {@code onMutate} returns
 */
public final class Mutation<V, R, C> {
  private static final System.Logger LOG = System.getLogger(Mutation.class.getName());

  final QueryClient client;
  final MutationConfig<V, R, C> config;
  private final CopyOnWriteArrayList<Notifier.Channel> channels = new CopyOnWriteArrayList<>();
  private volatile @Nullable MutationRun<V, R, C> latest;

  Mutation(QueryClient client, MutationConfig<V, R, C> config) {
    this.client = client;
    this.config = config;
  }

  /**
   * Starts a run.
   *
   * @param variables what to write
   * @return a future of the server's result; it completes after the settle step (see the
   *     class comment), or fails with the run's error: the mutation function's, or what a
   *     callback of the mutate or success path threw
   * @throws NullPointerException if {@code variables} is null
   * @throws IllegalStateException if the client is {@linkplain QueryClient#close() closed}
   */
  public CompletableFuture<R> mutate(V variables) {
    Objects.requireNonNull(variables, "variables == null");
    client.engine.checkOpen();
    MutationRun<V, R, C> run = new MutationRun<>(this, variables);
    latest = run;
    run.start();
    return run.future();
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
    MutationRun<V, R, C> run = latest;
    return run == null ? MutationState.idle(config.mutationKey) : run.state();
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
    Object[] last = new Object[1];
    Notifier.Channel channel =
        new Notifier.Channel(
            () -> {
              MutationState<V, R, C> state = state();
              if (state != last[0]) {
                last[0] = state;
                listener.accept(state);
              }
            },
            "a mutation observer");
    channels.add(channel);
    client.engine.notifier.schedule(channel);
    return () -> channels.remove(channel);
  }

  /**
   * The mutation key, if it has one.
   *
   * @return the key, or null
   */
  public @Nullable QueryKey<?> mutationKey() {
    return config.mutationKey;
  }

  /**
   * Whether the mutation patches the cache optimistically.
   *
   * @return {@code true} if built through {@link MutationBuilder#optimistic}
   */
  public boolean isOptimistic() {
    return config.optimistic;
  }

  /** A run of this mutation changed state. */
  void runChanged(MutationRun<V, R, C> run) {
    if (run == latest) {
      for (Notifier.Channel channel : channels) {
        client.engine.notifier.schedule(channel);
      }
    }
  }

  @Override
  public String toString() {
    return "Mutation{" + (config.mutationKey == null ? "" : "key=" + config.mutationKey + ", ")
        + (config.optimistic ? "optimistic" : "plain") + "}";
  }

  /**
   * The first step of a run, returning the context.
   *
   * @param <V> the variables
   * @param <C> the context
   */
  @FunctionalInterface
  public interface OnMutate<V, C> {
    /**
     * Runs on the caller's thread before the mutation function.
     *
     * @param variables the run's variables
     * @param scope the snapshots, and a way to patch more as this run's layers
     * @return the context handed to the other callbacks; may be null
     * @throws Exception to fail the run before its mutation function runs
     */
    @Nullable C onMutate(V variables, MutationScope scope) throws Exception;
  }

  /**
   * Called when the server accepted the write.
   *
   * @param <V> the variables
   * @param <R> the result
   * @param <C> the context
   */
  @FunctionalInterface
  public interface OnSuccess<V, R, C> {
    /**
     * Handles a success.
     *
     * @param result the server's result
     * @param variables the run's variables
     * @param context what onMutate returned, or null
     * @throws Exception to turn the run into a failure
     */
    void onSuccess(R result, V variables, @Nullable C context) throws Exception;
  }

  /**
   * Called when a run failed, after its layers were removed.
   *
   * @param <V> the variables
   * @param <C> the context
   */
  @FunctionalInterface
  public interface OnError<V, C> {
    /**
     * Handles a failure.
     *
     * @param error what failed
     * @param variables the run's variables
     * @param context what onMutate returned, or null (always null if onMutate failed)
     * @throws Exception logged and ignored
     */
    void onError(Throwable error, V variables, @Nullable C context) throws Exception;
  }

  /**
   * Called when a run settled, either way.
   *
   * @param <V> the variables
   * @param <R> the result
   * @param <C> the context
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
}
