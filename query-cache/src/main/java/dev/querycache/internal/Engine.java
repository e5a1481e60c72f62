package dev.querycache.internal;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.querycache.CachedQuery;
import dev.querycache.FetchStatus;
import dev.querycache.MutationHooks;
import dev.querycache.MutationScope;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.Scheduler;
import dev.querycache.Ticker;
import dev.querycache.Toaster;
import dev.querycache.internal.mutation.MutationCache;
import dev.querycache.internal.mutation.MutationRun;
import dev.querycache.internal.query.DataWrites;
import dev.querycache.internal.query.FetchTicket;
import dev.querycache.internal.query.Query;
import dev.querycache.internal.query.QueryCache;
import dev.querycache.internal.query.ResolvedOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The engine's runtime: what every part of the engine (queries, fetches, retries, the store,
 * mutation runs) needs, and the operations they share. {@link QueryClient} is the face over
 * it; the engine never asks the client for anything.
 *
 * <p>It holds the seams the application chose (the ticker, the scheduler, the fetch executor,
 * the notify executor through the {@link Notifier}, the toaster, the client-level mutation
 * hooks), the managers of connectivity, focus and defaults, the stores of queries and of
 * mutation runs, the client-wide sequence that orders fetch starts against mutation
 * successes, the cache listeners, and whether the client is closed.
 */
public final class Engine {
  public final Ticker ticker;
  public final Scheduler scheduler;
  public final Executor fetchExecutor;
  private final @Nullable ExecutorService ownedFetchExecutor;
  public final Notifier notifier;
  public final Toaster toaster;
  public final List<MutationHooks> mutationHooks;
  public final OnlineManager online;
  public final FocusManager focus = new FocusManager();
  public final QueryDefaults defaults;
  /** Makes the {@link MutationScope} a run's {@code onMutate} gets: the face adds the client. */
  private final Function<MutationRun<?, ?, ?>, MutationScope> scopes;
  public final QueryCache cache;
  public final DataWrites writes;
  public final MutationCache mutations;
  private final CopyOnWriteArrayList<Notifier.Channel> cacheListeners = new CopyOnWriteArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean closed;

  public Engine(
      Ticker ticker,
      Scheduler scheduler,
      @Nullable Executor fetchExecutor,
      Executor notifyExecutor,
      Toaster toaster,
      List<MutationHooks> mutationHooks,
      QuerySettings defaults,
      boolean online,
      long maxUnobservedQueries,
      Function<MutationRun<?, ?, ?>, MutationScope> scopes) {
    this.ticker = ticker;
    this.scheduler = scheduler;
    if (fetchExecutor != null) {
      this.fetchExecutor = fetchExecutor;
      this.ownedFetchExecutor = null;
    } else {
      ExecutorService pool = defaultFetchExecutor();
      this.fetchExecutor = pool;
      this.ownedFetchExecutor = pool;
    }
    this.notifier = new Notifier(notifyExecutor);
    this.toaster = toaster;
    this.mutationHooks = List.copyOf(mutationHooks);
    this.defaults = new QueryDefaults(defaults);
    this.online = new OnlineManager(online);
    this.mutations = new MutationCache(notifier);
    this.cache = new QueryCache(this, maxUnobservedQueries);
    this.writes = new DataWrites(this);
    this.scopes = scopes;
  }

  /** The scope that {@code run}'s {@code onMutate} gets. */
  public MutationScope scopeOf(MutationRun<?, ?, ?> run) {
    return scopes.apply(run);
  }

  public long now() {
    return ticker.read();
  }

  /**
   * The next number of the client-wide sequence that orders fetch starts against mutation
   * successes (a fetch started after a success brings data that includes it).
   */
  public long nextSequence() {
    return sequence.incrementAndGet();
  }

  public <T> ResolvedOptions<T> resolve(QueryKey<T> key, @Nullable QueryOptions<T> options) {
    return defaults.resolve(key, options, false);
  }

  // ---- cache listeners ---------------------------------------------------------------------

  /** Registers a cache listener; closing the result unregisters it. */
  public AutoCloseable addCacheListener(Runnable listener) {
    Notifier.Channel channel = new Notifier.Channel(listener, "a cache listener");
    cacheListeners.add(channel);
    cache.watchAllRetentions(); // removals at their deadline are what a listener hears of
    return () -> cacheListeners.remove(channel);
  }

  public boolean hasCacheListeners() {
    return !cacheListeners.isEmpty();
  }

  /** Something in the cache changed: wake the cache listeners (coalesced). */
  public void cacheChanged() {
    if (!cacheListeners.isEmpty()) {
      for (Notifier.Channel channel : cacheListeners) {
        notifier.schedule(channel);
      }
    }
  }

  // ---- fetching and invalidating -----------------------------------------------------------

  /** Joins or starts a fetch of {@code key}; a failed future once the client is closed. */
  public <T> CompletableFuture<T> fetch(QueryKey<T> key, ResolvedOptions<T> options, boolean replace) {
    if (closed) {
      return CompletableFuture.failedFuture(closedException());
    }
    FetchTicket<T> ticket =
        Objects.requireNonNull(cache.compute(key, options, query -> query.beginFetch(options, replace)));
    ticket.begin(); // after the atomic step: a replaced fetch's cancellation callbacks run here
    return ticket.promise();
  }

  /**
   * Marks every query the filters select invalid, each once, and refetches the active ones.
   * With {@code isolate}, a filter whose predicate throws is reported and skipped (a settling
   * run must not be left pending by it); otherwise the exception reaches the caller. After
   * the close, nothing happens (a run settling as the client closes).
   */
  public CompletableFuture<Void> invalidateAll(List<QueryFilter> filters, boolean isolate) {
    if (closed) {
      return CompletableFuture.completedFuture(null);
    }
    return notifier.batch(
        () -> {
          Collection<Query<?>> matches;
          if (filters.size() == 1 && !isolate) {
            matches = cache.findAll(filters.get(0));
          } else {
            Set<Query<?>> union = new LinkedHashSet<>();
            for (QueryFilter filter : filters) {
              if (isolate) {
                Callbacks.run("a settle invalidation filter", filter, () -> union.addAll(cache.findAll(filter)));
              } else {
                union.addAll(cache.findAll(filter));
              }
            }
            matches = union;
          }
          List<Query<?>> toRefetch = new ArrayList<>();
          for (Query<?> query : matches) {
            query.invalidate();
            if (query.hasEnabledObserver()) {
              toRefetch.add(query);
            }
          }
          return refetchAll(toRefetch);
        });
  }

  /**
   * Refetches the queries that can fetch, replacing fetches in flight; the future completes
   * when they end (never failing). As TanStack Query does, a refetch that found the client
   * offline is paused, and the future does not wait for the network to come back.
   */
  public CompletableFuture<Void> refetchAll(List<Query<?>> queries) {
    List<CompletableFuture<?>> fetches = new ArrayList<>(queries.size());
    for (Query<?> query : queries) {
      if (query.options().canFetch()) {
        CompletableFuture<?> refetch = refetch(query).handle((data, error) -> null);
        if (query.state().fetchStatus() != FetchStatus.PAUSED) {
          fetches.add(refetch);
        }
      }
    }
    return CompletableFuture.allOf(fetches.toArray(new CompletableFuture<?>[0]));
  }

  private <T> CompletableFuture<T> refetch(Query<T> query) {
    return fetch(query.key, query.options(), true);
  }

  /**
   * The cached data of {@code options}' key if it is fresh by the options (resolved as an
   * imperative fetch: no retries unless set), else a fetch of it, joining one in flight.
   */
  public <T> CompletableFuture<T> fetchUnlessFresh(QueryOptions<T> options) {
    return notifier.batch(
        () -> {
          ResolvedOptions<T> resolved = defaults.resolve(options.key(), options, true);
          Query<T> query = cache.get(options.key());
          if (query != null) {
            QueryState<T> state = query.state();
            T data = state.data();
            if (data != null && !resolved.isStale(state, now())) {
              return CompletableFuture.completedFuture(data);
            }
          }
          return fetch(options.key(), resolved, false);
        });
  }

  /** Refetches the selected queries that can fetch now: unobserved, or with an enabled observer. */
  public CompletableFuture<Void> refetch(QueryFilter filter) {
    return notifier.batch(
        () -> {
          List<Query<?>> toRefetch = new ArrayList<>();
          for (Query<?> query : cache.findAll(filter)) {
            if (query.observerCount() == 0 || query.hasEnabledObserver()) {
              toRefetch.add(query);
            }
          }
          return refetchAll(toRefetch);
        });
  }

  /** Puts the selected queries back in their initial state, then refetches the active ones. */
  public CompletableFuture<Void> reset(QueryFilter filter) {
    return notifier.batch(
        () -> {
          List<Query<?>> toRefetch = new ArrayList<>();
          for (Query<?> query : cache.findAll(filter)) {
            query.reset();
            cache.repin(query);
            if (query.hasEnabledObserver()) {
              toRefetch.add(query);
            }
          }
          return refetchAll(toRefetch);
        });
  }

  /** Removes the selected queries; their observers move to new, empty queries of their keys. */
  public void remove(QueryFilter filter) {
    notifier.batch(
        () -> {
          for (Query<?> query : cache.findAll(filter)) {
            cache.remove(query);
          }
        });
  }

  /** Cancels the fetches in flight of the queries {@code filter} selects. */
  public void cancel(QueryFilter filter) {
    notifier.batch(
        () -> {
          for (Query<?> query : cache.findAll(filter)) {
            cache.cancel(query);
          }
        });
  }

  /** The observed queries refetch by their observers' focus or reconnect rule. */
  public void refetchObserved(boolean focusRegained) {
    notifier.batch(
        () -> {
          for (Query<?> query : cache.findAll(QueryFilter.all().active())) {
            query.refetchObservers(focusRegained);
          }
        });
  }

  /**
   * Connectivity changed: when it comes back, the paused mutations resume first, then the
   * paused fetches, each in the order they paused, and only then the refetches of the
   * observed queries (as TanStack Query does).
   */
  public void onlineChanged(boolean now) {
    List<Retryer<?>> resumed = online.setOnline(now);
    if (resumed != null) {
      notifier.batch(
          () -> {
            for (Retryer<?> retryer : resumed) {
              retryer.resume();
            }
            refetchObserved(false);
          });
    }
  }

  // ---- reading what a filter selects -------------------------------------------------------

  /** The data of every selected query that has data, as an immutable map. */
  public Map<QueryKey<?>, Object> dataOf(QueryFilter filter) {
    ImmutableMap.Builder<QueryKey<?>, Object> out = ImmutableMap.builder();
    for (Query<?> query : cache.findAll(filter)) {
      Object data = query.state().data();
      if (data != null) {
        out.put(query.key, data);
      }
    }
    return out.buildKeepingLast();
  }

  /** How many selected queries are fetching now (not paused). */
  public int fetchingCount(QueryFilter filter) {
    int count = 0;
    for (Query<?> query : cache.findAll(filter)) {
      if (query.state().fetchStatus() == FetchStatus.FETCHING) {
        count++;
      }
    }
    return count;
  }

  /** Snapshots of the selected queries, as an immutable list. */
  public List<CachedQuery<?>> snapshots(QueryFilter filter) {
    long now = now();
    ImmutableList.Builder<CachedQuery<?>> out = ImmutableList.builder();
    for (Query<?> query : cache.findAll(filter)) {
      out.add(query.snapshot(now));
    }
    return out.build();
  }

  // ---- closing -----------------------------------------------------------------------------

  public boolean isClosed() {
    return closed;
  }

  /** Fails fast when the client is closed. */
  public void checkOpen() {
    if (closed) {
      throw closedException();
    }
  }

  /** Closes once (see {@link QueryClient#close()}); later calls do nothing. */
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    notifier.batch(
        () -> {
          mutations.closeAll(new CancellationException("the QueryClient was closed"));
          cancel(QueryFilter.all());
        });
    if (ownedFetchExecutor != null) {
      // Running functions are interrupted; queued ones never run, so their tasks are
      // cancelled, which ends their attempts instead of leaving them pending.
      for (Runnable dropped : ownedFetchExecutor.shutdownNow()) {
        if (dropped instanceof Future<?>) {
          ((Future<?>) dropped).cancel(false);
        }
      }
    }
  }

  private static IllegalStateException closedException() {
    return new IllegalStateException("this QueryClient is closed: build a new one to fetch, write or observe");
  }

  /** Up to eight daemon threads named {@code query-cache-fetch-N}, owned and stopped by the engine. */
  private static ExecutorService defaultFetchExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            8,
            8,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "query-cache-fetch-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
