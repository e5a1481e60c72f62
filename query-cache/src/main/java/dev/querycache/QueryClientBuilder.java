package dev.querycache;

import dev.querycache.internal.EngineConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link QueryClient}. Not thread-safe; each setter may be called once more to
 * replace its value.
 *
 * @since 0.1.0
 */
public final class QueryClientBuilder {
  Ticker ticker = Ticker.system();
  Scheduler scheduler = Scheduler.system();
  @Nullable Executor fetchExecutor;
  Executor notifyExecutor = Runnable::run;
  BooleanSupplier isNotifyThread = () -> false;
  QuerySettings defaults = QuerySettings.none();
  long maxUnobservedQueries = -1;
  boolean online = true;
  Toaster toaster = Toaster.logging();
  final List<MutationHooks> mutationHooks = new ArrayList<>();
  final List<QueryHooks> queryHooks = new ArrayList<>();

  QueryClientBuilder() {}

  /**
   * The source of time for staleness, retention and timestamps. Pass the same virtual time
   * to {@link #scheduler(Scheduler)}.
   *
   * @param ticker the ticker
   * @return this builder
   * @throws NullPointerException if {@code ticker} is null
   */
  public QueryClientBuilder ticker(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker == null");
    return this;
  }

  /**
   * Where retries, stale-time wake-ups and gc run after their delays.
   *
   * @param scheduler the scheduler
   * @return this builder
   * @throws NullPointerException if {@code scheduler} is null
   */
  public QueryClientBuilder scheduler(Scheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
    return this;
  }

  /**
   * Where blocking query functions run. By default, a pool of up to eight daemon threads
   * named {@code query-cache-fetch-N}, owned and stopped by the client. Never pass the UI
   * thread's executor.
   *
   * @param fetchExecutor the executor
   * @return this builder
   * @throws NullPointerException if {@code fetchExecutor} is null
   */
  public QueryClientBuilder fetchExecutor(Executor fetchExecutor) {
    this.fetchExecutor = Objects.requireNonNull(fetchExecutor, "fetchExecutor == null");
    return this;
  }

  /**
   * Where what the application hears from the client runs: observers' listeners, mutations'
   * callbacks after {@code onMutate}, toasts, and the completion of the futures
   * {@link Mutation#mutate} returns (see the Threads page of the guide). By default,
   * synchronously on the thread that made the change (after the library's locks are
   * released), which suits tests. For a UI thread, prefer
   * {@link #notifyExecutor(Executor, BooleanSupplier)}, which also lets the client refuse a
   * wait on that thread that could never end; {@code SwingQueries.clientBuilder()} does it
   * for Swing.
   *
   * @param notifyExecutor the executor
   * @return this builder
   * @throws NullPointerException if {@code notifyExecutor} is null
   */
  public QueryClientBuilder notifyExecutor(Executor notifyExecutor) {
    this.notifyExecutor = Objects.requireNonNull(notifyExecutor, "notifyExecutor == null");
    this.isNotifyThread = () -> false;
    return this;
  }

  /**
   * Where what the application hears from the client runs, as
   * {@link #notifyExecutor(Executor)}, for an executor that runs its tasks on one thread the
   * application can recognise: {@code new EdtExecutor()} with
   * {@code SwingUtilities::isEventDispatchThread}, {@code Platform::runLater} with
   * {@code Platform::isFxApplicationThread}. Knowing the thread, the client fails fast where a
   * wait there would never end: {@code get()} or {@code join()} on the unfinished future of a
   * mutation, whose completion is queued behind the waiting code on that very thread, throws
   * an {@link IllegalStateException} that says what to do instead.
   *
   * @param notifyExecutor the executor
   * @param isNotifyThread whether the calling thread is the one {@code notifyExecutor} runs
   *     its tasks on; called on any thread, it must be cheap and must not block
   * @return this builder
   * @throws NullPointerException if an argument is null
   */
  public QueryClientBuilder notifyExecutor(Executor notifyExecutor, BooleanSupplier isNotifyThread) {
    Objects.requireNonNull(notifyExecutor, "notifyExecutor == null");
    this.isNotifyThread = Objects.requireNonNull(isNotifyThread, "isNotifyThread == null");
    this.notifyExecutor = notifyExecutor;
    return this;
  }

  /**
   * The client-wide default settings, below prefix defaults and per-call options.
   *
   * @param defaults the defaults
   * @return this builder
   * @throws NullPointerException if {@code defaults} is null
   */
  public QueryClientBuilder defaults(QuerySettings defaults) {
    this.defaults = Objects.requireNonNull(defaults, "defaults == null");
    return this;
  }

  /**
   * Caps how many unobserved (and idle) queries are retained; beyond it, the least
   * valuable are evicted before their gc time (Caffeine's size policy, which judges value
   * by how recently and how often a query was created or written: reads do not count).
   * Observed and fetching queries never count and are never evicted. Unbounded by default.
   *
   * @param maximum zero or more
   * @return this builder
   * @throws IllegalArgumentException if {@code maximum} is negative
   */
  public QueryClientBuilder maxUnobservedQueries(long maximum) {
    if (maximum < 0) {
      throw new IllegalArgumentException("maxUnobservedQueries must not be negative: " + maximum);
    }
    this.maxUnobservedQueries = maximum;
    return this;
  }

  /**
   * Whether the client starts online (default true); see
   * {@link QueryClient#onlineChanged(boolean)}.
   *
   * @param online the initial connectivity
   * @return this builder
   */
  public QueryClientBuilder online(boolean online) {
    this.online = online;
    return this;
  }

  /**
   * Where mutations' toasts go (default: {@link Toaster#logging()}).
   *
   * @param toaster the toaster
   * @return this builder
   * @throws NullPointerException if {@code toaster} is null
   */
  public QueryClientBuilder toaster(Toaster toaster) {
    this.toaster = Objects.requireNonNull(toaster, "toaster == null");
    return this;
  }

  /**
   * Adds client-level mutation callbacks, run before every mutation's own; several run in
   * the order added.
   *
   * @param hooks the callbacks
   * @return this builder
   * @throws NullPointerException if {@code hooks} is null
   */
  public QueryClientBuilder mutationHooks(MutationHooks hooks) {
    this.mutationHooks.add(Objects.requireNonNull(hooks, "hooks == null"));
    return this;
  }

  /**
   * Adds client-level query callbacks, run once per fetch of any query that ends (see
   * {@link QueryHooks}); several run in the order added.
   *
   * @param hooks the callbacks
   * @return this builder
   * @throws NullPointerException if {@code hooks} is null
   */
  public QueryClientBuilder queryHooks(QueryHooks hooks) {
    this.queryHooks.add(Objects.requireNonNull(hooks, "hooks == null"));
    return this;
  }

  /**
   * Builds the client.
   *
   * @return a new client
   */
  public QueryClient build() {
    return new QueryClient(this);
  }

  /** The choices made so far, as the engine takes them. */
  EngineConfig engineConfig() {
    return new EngineConfig(
        ticker, scheduler, fetchExecutor, notifyExecutor, isNotifyThread, toaster, mutationHooks, queryHooks, defaults, online, maxUnobservedQueries);
  }
}
