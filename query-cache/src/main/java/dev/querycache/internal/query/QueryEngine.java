package dev.querycache.internal.query;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.querycache.CachedQuery;
import dev.querycache.FetchStatus;
import dev.querycache.PageDirection;
import dev.querycache.QueryEvent;
import dev.querycache.QueryFilter;
import dev.querycache.QueryHooks;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.RefetchOptions;
import dev.querycache.RefetchType;
import dev.querycache.internal.runtime.Callbacks;
import dev.querycache.internal.runtime.EngineRuntime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The query half of the engine: the store of queries, the defaults by key prefix, the data
 * written by hand, and the operations on what a filter selects (fetch, invalidate, refetch,
 * reset, remove, cancel, read). Queries, fetches and observers reach the rest of the engine
 * through it and its {@link EngineRuntime}; it knows nothing of mutations. Thread-safe.
 */
public final class QueryEngine {
  public final EngineRuntime runtime;
  public final QueryDefaults defaults;
  public final QueryCache cache;
  public final DataWrites writes;
  /** The client-level query callbacks, run once per fetch that ends. */
  private final List<QueryHooks> hooks;
  /** Who keeps a copy of a query's confirmed data (keyed collections), by the query's key. */
  private final Map<QueryKey<?>, DataMirror> mirrors = new ConcurrentHashMap<>();

  public QueryEngine(EngineRuntime runtime, QuerySettings defaults, long maxUnobservedQueries, List<QueryHooks> hooks) {
    this.runtime = runtime;
    this.hooks = List.copyOf(hooks);
    this.defaults = new QueryDefaults(defaults);
    this.cache = new QueryCache(this, maxUnobservedQueries);
    this.writes = new DataWrites(this);
  }

  public <T> ResolvedOptions<T> resolve(QueryKey<T> key, @Nullable QueryOptions<T> options) {
    return defaults.resolve(key, options, false);
  }

  /**
   * A fetch of {@code query} ended with {@code data} or {@code error} (not cancelled): the
   * client's query hooks run, as a follow-up step on the notify executor, each isolated.
   */
  <T> void fetchEnded(Query<T> query, @Nullable T data, @Nullable Throwable error) {
    if (hooks.isEmpty() || error instanceof CancellationException) {
      return;
    }
    runtime.notifier.post(() -> {
      CachedQuery<T> now = query.snapshot(runtime.now());
      for (QueryHooks hook : hooks) {
        if (error == null) {
          Callbacks.run("a query hook's onSuccess", query.key, () -> hook.onSuccess(Objects.requireNonNull(data), now));
        } else {
          Callbacks.run("a query hook's onError", query.key, () -> hook.onError(error, now));
        }
        Callbacks.run("a query hook's onSettled", query.key, () -> hook.onSettled(data, error, now));
      }
    });
  }

  /**
   * From now on, {@code mirror} hears of every landing of {@code key}'s confirmed data, and it
   * hears now of the data there is, if any; closing the result stops it. One mirror per key.
   *
   * @throws IllegalStateException if {@code key} has a mirror already
   */
  public AutoCloseable mirror(QueryKey<?> key, DataMirror mirror) {
    if (mirrors.putIfAbsent(key, mirror) != null) {
      throw new IllegalStateException("the query " + key + " has a collection already: build one collection per query, and share it");
    }
    Query<?> query = cache.get(key);
    if (query != null) {
      query.replayConfirmed(mirror);
    }
    return () -> mirrors.remove(key, mirror);
  }

  /** {@code key}'s confirmed data landed (inside its query's monitor): its mirror hears of it. */
  void landed(QueryKey<?> key, Object data, long fetchSequence) {
    if (!mirrors.isEmpty()) {
      DataMirror mirror = mirrors.get(key);
      if (mirror != null) {
        mirror.landed(data, fetchSequence);
      }
    }
  }

  /** A fetch of {@code key} ended without data (inside its query's monitor): its mirror hears of it. */
  void fetchEndedWithoutData(QueryKey<?> key, long fetchSequence) {
    if (!mirrors.isEmpty()) {
      DataMirror mirror = mirrors.get(key);
      if (mirror != null) {
        mirror.fetchEndedWithoutData(fetchSequence);
      }
    }
  }

  /** Whether {@code key}'s query has a fetch in flight now. */
  public boolean isFetching(QueryKey<?> key) {
    Query<?> query = cache.get(key);
    return query != null && query.state().fetchStatus() == FetchStatus.FETCHING;
  }

  /**
   * Cancels {@code key}'s fetch in flight, if its query has data: a refetch would only bring
   * data the writes under way have to be applied to again (step 1 of an optimistic write). A
   * first load goes on. Returns whether a fetch is in flight afterwards (a first load), as
   * {@link #isFetching} would, without a second lookup.
   */
  public boolean cancelRefetch(QueryKey<?> key) {
    Query<?> query = cache.get(key);
    if (query == null) {
      return false;
    }
    if (query.state().data() != null && query.state().fetchStatus() == FetchStatus.FETCHING) {
      cache.cancel(query);
    }
    return query.state().fetchStatus() == FetchStatus.FETCHING;
  }

  /** Registers a listener of query events; closing the result unregisters it. */
  public AutoCloseable addEventListener(Consumer<? super QueryEvent<?>> listener) {
    AutoCloseable registration = runtime.events.subscribe(listener);
    cache.watchAllRetentions(); // a removal is reported when it happens
    return registration;
  }

  /** Registers a cache listener; closing the result unregisters it. */
  public AutoCloseable addCacheListener(Runnable listener) {
    AutoCloseable registration = runtime.addCacheListener(listener);
    cache.watchAllRetentions(); // removals at their deadline are what a listener hears of
    return registration;
  }

  // ---- fetching and invalidating -----------------------------------------------------------

  /** Joins or starts a fetch of {@code key}; a failed future once the client is closed. */
  public <T> CompletableFuture<T> fetch(QueryKey<T> key, ResolvedOptions<T> options, boolean replace) {
    return fetch(key, options, replace, null);
  }

  /** As {@link #fetch(QueryKey, ResolvedOptions, boolean)}, adding a page of an infinite query. */
  <T> CompletableFuture<T> fetch(
      QueryKey<T> key, ResolvedOptions<T> options, boolean replace, @Nullable PageDirection direction) {
    if (runtime.isClosed()) {
      return CompletableFuture.failedFuture(EngineRuntime.closedException());
    }
    FetchTicket<T> ticket =
        Objects.requireNonNull(cache.compute(key, options, query -> query.beginFetch(options, replace, direction)));
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
    return invalidateAll(filters, isolate, RefetchType.ACTIVE, RefetchOptions.defaults());
  }

  /**
   * Marks every query the filters select invalid, each once, and refetches those
   * {@code type} names (never a static one) as {@code how} says.
   */
  public CompletableFuture<Void> invalidateAll(
      List<QueryFilter> filters, boolean isolate, RefetchType type, RefetchOptions how) {
    if (runtime.isClosed()) {
      return CompletableFuture.completedFuture(null);
    }
    return runtime.notifier.batch(
        () -> {
          Collection<Query<?>> matches;
          if (filters.size() == 1 && !isolate) {
            matches = cache.findAll(filters.get(0));
          } else if (filters.size() == 1) { // a run's settle invalidation, most often
            QueryFilter filter = filters.get(0);
            try {
              matches = cache.findAll(filter);
            } catch (Throwable thrown) { // a predicate's throw, isolated as Callbacks.run does (no lambda per call)
              Callbacks.report("a settle invalidation filter", filter, thrown);
              matches = List.of();
            }
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
          List<Query<?>> toRefetch = List.of(); // empty and immutable until the first: mostly nothing observes
          for (Query<?> query : matches) {
            query.invalidate();
            if (type != RefetchType.NONE && !query.options().isStatic) {
              boolean active = query.hasEnabledObserver();
              if (type == RefetchType.ALL || active == (type == RefetchType.ACTIVE)) {
                if (toRefetch.isEmpty()) {
                  toRefetch = new ArrayList<>(matches.size());
                }
                toRefetch.add(query);
              }
            }
          }
          return refetchAll(toRefetch, how);
        });
  }

  /**
   * Refetches the queries that can fetch, replacing fetches in flight; the future completes
   * when they end (never failing). As TanStack Query does, a refetch that found the client
   * offline is paused, and the future does not wait for the network to come back.
   */
  private CompletableFuture<Void> refetchAll(List<Query<?>> queries) {
    return refetchAll(queries, RefetchOptions.defaults());
  }

  /**
   * As above, replacing or joining fetches in flight as {@code how} says; with its
   * {@code throwOnError}, the future fails with a refetch's failure once they all ended.
   */
  private CompletableFuture<Void> refetchAll(List<Query<?>> queries, RefetchOptions how) {
    if (queries.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<CompletableFuture<?>> fetches = new ArrayList<>(queries.size());
    for (Query<?> query : queries) {
      if (query.options().canFetch()) {
        CompletableFuture<?> refetch = refetch(query, how.cancelRefetch());
        if (!how.throwOnError()) {
          refetch = refetch.handle((data, error) -> null);
        }
        if (query.state().fetchStatus() != FetchStatus.PAUSED) {
          fetches.add(refetch);
        }
      }
    }
    return CompletableFuture.allOf(fetches.toArray(new CompletableFuture<?>[0]));
  }

  /**
   * The cached data of {@code options}' key if it is fresh by the options (resolved as an
   * imperative fetch: no retries unless set), else a fetch of it, joining one in flight.
   */
  public <T> CompletableFuture<T> fetchUnlessFresh(QueryOptions<T> options) {
    return runtime.notifier.batch(
        () -> {
          ResolvedOptions<T> resolved = defaults.resolve(options.key(), options, true);
          Query<T> query = cache.get(options.key());
          if (query == null && options.initialData() != null) {
            query = cache.obtain(options.key(), resolved); // created with its initial data, if it gives one
          }
          if (query != null) {
            QueryState<T> state = query.state();
            T data = state.data();
            if (data != null && !resolved.isStale(state, runtime.now())) {
              return CompletableFuture.completedFuture(data);
            }
          }
          return fetch(options.key(), resolved, false);
        });
  }

  private <T> CompletableFuture<T> refetch(Query<T> query, boolean replace) {
    return fetch(query.key, query.options(), replace);
  }

  /** Refetches the selected queries that can fetch now: unobserved, or with an enabled observer. */
  public CompletableFuture<Void> refetch(QueryFilter filter) {
    return refetch(filter, RefetchOptions.defaults());
  }

  /** As above, replacing or joining fetches in flight, and failing or not, as {@code how} says. */
  public CompletableFuture<Void> refetch(QueryFilter filter, RefetchOptions how) {
    return runtime.notifier.batch(
        () -> {
          List<Query<?>> toRefetch = new ArrayList<>();
          for (Query<?> query : cache.findAll(filter)) {
            if ((query.observerCount() == 0 || query.hasEnabledObserver()) && !query.options().isStatic) {
              toRefetch.add(query);
            }
          }
          return refetchAll(toRefetch, how);
        });
  }

  /** Puts the selected queries back in their initial state, then refetches the active ones. */
  public CompletableFuture<Void> reset(QueryFilter filter) {
    return runtime.notifier.batch(
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
    runtime.notifier.batch(
        () -> {
          for (Query<?> query : cache.findAll(filter)) {
            cache.remove(query);
          }
        });
  }

  /** Cancels the fetches in flight of the queries {@code filter} selects. */
  public void cancel(QueryFilter filter) {
    cancel(filter, true);
  }

  /** Cancels the selected queries' fetches, reverting their states or not. */
  public void cancel(QueryFilter filter, boolean revert) {
    runtime.notifier.batch(
        () -> {
          for (Query<?> query : cache.findAll(filter)) {
            cache.cancel(query, revert);
          }
        });
  }

  /** The observed queries refetch by their observers' focus or reconnect rule. */
  public void refetchObserved(boolean focusRegained) {
    runtime.notifier.batch(
        () -> {
          for (Query<?> query : cache.findAll(QueryFilter.all().active())) {
            query.refetchObservers(focusRegained);
          }
        });
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
    long now = runtime.now();
    ImmutableList.Builder<CachedQuery<?>> out = ImmutableList.builder();
    for (Query<?> query : cache.findAll(filter)) {
      out.add(query.snapshot(now));
    }
    return out.build();
  }
}
