package dev.querycache.internal.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.querycache.QueryEvent;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryState;
import dev.querycache.internal.key.KeyList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The store of queries: a Caffeine cache keyed by {@link QueryKey}, plus the {@link
 * QueryIndex} that answers prefix filters.
 *
 * <p>Retention is Caffeine's: an unpinned query expires {@code gcTime} after it was created,
 * lost its last observer or ended its fetch; a pinned query (observed or fetching) never
 * expires and weighs nothing, so a size cap ({@code QueryClientBuilder.maxUnobservedQueries})
 * counts only unpinned ones. Because Caffeine re-evaluates expiry and weight only when an
 * entry is written, every change to what pins a query is made inside {@link #compute} for its
 * key: the change and the new retention are one atomic step, and an eviction can never race
 * with an observer arriving.
 *
 * <p>Caffeine runs on its own clock: the client's ticker from the moment the store was made,
 * stopped at {@link #STORE_HORIZON}. Caffeine holds an expiry of at most about 146 years, so on
 * the client's clock alone a pinned query would expire once a clock moved that far (a virtual
 * clock in a test can), and its timer wheel would keep waking every few days for pinned
 * entries. On the stopped clock a pinned query never expires, and a deadline at or past the
 * horizon is kept by this class instead ({@link Query#outlivesStore}). Caffeine is given no
 * scheduler: it evicts what expired at its next maintenance (after a write), reads and filters
 * already treat an expired query as gone, and while a cache listener is on, each query is
 * removed exactly at its deadline ({@link #watchRetention}).
 *
 * <p>The index is updated inside the same atomic steps (creation, and removal through the
 * eviction listener or {@link #remove}).
 */
public final class QueryCache {
  /**
   * Where Caffeine's clock stops: 2<sup>61</sup> ns, about 73 years after the store was made,
   * half of the longest expiry Caffeine holds, so that a pinned query's deadline (now plus
   * that longest expiry) always lies beyond it.
   */
  static final long STORE_HORIZON = 1L << 61;

  private final QueryEngine engine;
  /** The client's ticker reading when the store was made: Caffeine's time zero. */
  private final long origin;
  private final Cache<QueryKey<?>, Query<?>> cache;
  private final Policy<QueryKey<?>, Query<?>> policy;
  private final QueryIndex index = new QueryIndex();

  public QueryCache(QueryEngine engine, long maxUnobserved) {
    this.engine = engine;
    this.origin = engine.runtime.ticker.read();
    Caffeine<Object, Object> builder =
        Caffeine.newBuilder()
            .executor(Runnable::run)
            .ticker(this::storeTime);
    if (maxUnobserved >= 0) {
      builder.maximumWeight(maxUnobserved).weigher((QueryKey<?> key, Query<?> query) -> query.isPinned() ? 0 : 1);
    }
    this.cache =
        builder
            .expireAfter(new Retention())
            .evictionListener(
                (@Nullable QueryKey<?> key, @Nullable Query<?> query, RemovalCause cause) -> {
                  if (query != null) {
                    detach(query);
                    // Caffeine evicts on any thread, under its locks and outside any batch:
                    // tell the cache listeners from the scheduler instead of from here.
                    engine.runtime.scheduler.schedule(() -> {
                      engine.runtime.cacheChanged();
                      engine.runtime.events.deliver(engine.runtime.notifier);
                    }, Duration.ZERO);
                  }
                })
            .build();
    this.policy = cache.policy();
  }

  /**
   * The live query for {@code key}, or null (an expired one, or one being removed, counts as
   * gone).
   *
   * <p>A quiet read: retention follows observers, fetches and gc time, never reads, so a read
   * has nothing to tell Caffeine's policy. A plain {@code getIfPresent} would record the
   * access in Caffeine's read buffer, and draining that buffer re-files the entry in the
   * timer wheel of variable expiry: the profile of 1 000 000 reads of 100 000 keys put a
   * quarter of the time there.
   */
  @SuppressWarnings("unchecked") // a key's queries hold the key's data type
  public <T> @Nullable Query<T> get(QueryKey<T> key) {
    Query<T> query = (Query<T>) policy.getIfPresentQuietly(key);
    // A query being removed is gone from the moment it is marked, for readers as for filters
    // (which skip it): one answer for everybody while its removal finishes.
    if (query == null || query.isRemoved()) {
      return null;
    }
    // Caffeine cannot tell that a deadline it was not given has passed.
    return query.outlivesStore && !query.isLive(engine.runtime.now()) ? null : query;
  }

  /**
   * Runs {@code action} on the query for {@code key} atomically with its retention: the query
   * is created first when absent and {@code options} is given (null: no creation, the action
   * is not run and null is returned). Runs inside a notification batch, so nothing is
   * delivered before the atomic step ends.
   */
  public <T, R> @Nullable R compute(
      QueryKey<T> key, @Nullable ResolvedOptions<T> options, Function<Query<T>, R> action) {
    // A query about to be created keeps a key that shares what its family already holds.
    return computeWithKey(options != null && get(key) == null ? index.share(key) : key, options, action);
  }

  /** As {@link #compute}, for a key the caller has just found absent. */
  public <T, R> @Nullable R create(QueryKey<T> key, ResolvedOptions<T> options, Function<Query<T>, R> action) {
    return computeWithKey(index.share(key), options, action);
  }

  @SuppressWarnings("unchecked")
  private <T, R> @Nullable R computeWithKey(
      QueryKey<T> key, @Nullable ResolvedOptions<T> options, Function<Query<T>, R> action) {
    // The application's initial data supplier runs outside the atomic step; if the query
    // appears meanwhile, what it gave is not used.
    QueryState<T> initial = options != null && get(key) == null ? options.initialState(key, engine.runtime.now()) : null;
    Object[] result = new Object[1];
    engine.runtime.notifier.batch(
        () ->
            cache
                .asMap()
                .compute(
                    key,
                    (k, existing) -> {
                      Query<T> query = (Query<T>) existing;
                      if (query == null) {
                        if (options == null) {
                          return null;
                        }
                        query = new Query<>(key, engine, options, initial);
                        index.add(query);
                        query.record(QueryEvent.Kind.ADDED);
                        engine.runtime.cacheChanged();
                      }
                      result[0] = action.apply(query);
                      return query;
                    }));
    engine.runtime.events.deliver(engine.runtime.notifier);
    return (R) result[0];
  }

  /** The query for {@code key}, created with {@code options} if absent. */
  <T> Query<T> obtain(QueryKey<T> key, ResolvedOptions<T> options) {
    Query<T> existing = get(key);
    if (existing != null) {
      return existing;
    }
    Query<T> created = compute(key, options, query -> query);
    return java.util.Objects.requireNonNull(created);
  }

  /**
   * Re-evaluates {@code query}'s retention after its pins changed outside {@link #compute}
   * (a cancel). A query no longer in the cache is left alone.
   */
  public void repin(Query<?> query) {
    cache.asMap().computeIfPresent(query.key, (k, existing) -> existing);
  }

  /** Ends a fetch atomically with the unpin; false if the result was discarded. */
  <T> boolean endFetch(Query<T> query, Fetch<T> fetch, @Nullable T data, @Nullable Throwable error) {
    if (query.isRemoved()) {
      return false;
    }
    Boolean ended = compute(query.key, null, live -> live == query && query.endFetch(fetch, data, error));
    return ended != null && ended;
  }

  /** Cancels {@code query}'s fetch, if any, and re-evaluates its retention. */
  public void cancel(Query<?> query) {
    cancel(query, true);
  }

  /** Cancels {@code query}'s fetch, reverting its state or not (see {@link Query#cancel}). */
  public void cancel(Query<?> query, boolean revert) {
    engine.runtime.notifier.batch(
        () -> {
          if (query.cancel(false, revert)) {
            repin(query);
          }
        });
  }

  /**
   * Cancels {@code query}'s fetch if nobody observes the query any more and its function used
   * its cancellation signal (TanStack's rule for the last observer leaving): the query goes
   * back to its state before the fetch instead of fetching for nobody. A function that
   * ignores the signal is left to finish.
   */
  void cancelIfAbandoned(Query<?> query) {
    engine.runtime.notifier.batch(
        () -> {
          if (query.cancel(true)) {
            repin(query);
          }
        });
  }

  /**
   * Removes {@code query} if it is still the one cached for its key, and cancels its fetch.
   * Its observers move to a new, empty query of the key in the same atomic step, so that no
   * write, removal or close of the key can come between the removal and their arrival: an open
   * observer always follows the query the cache holds.
   */
  @SuppressWarnings("unchecked") // a query's observers observe its key's data type
  public <T> boolean remove(Query<T> query) {
    boolean[] removed = new boolean[1];
    engine.runtime.notifier.batch(
        () ->
            cache
                .asMap()
                .computeIfPresent(
                    query.key,
                    (k, existing) -> {
                      if (existing != query) {
                        return existing;
                      }
                      removed[0] = true;
                      query.reportRemoved(); // before the successor's arrival
                      // Event listeners hear of the removal before the observers' first result
                      // from the successor: in the batch, their channel goes first.
                      engine.runtime.events.deliver(engine.runtime.notifier);
                      ObserverCore<?>[] observers = query.observers();
                      Query<T> successor = null;
                      if (observers.length > 0) {
                        // The observers move before the query is marked removed: a reader
                        // that sees the mark (a filter skips removed queries) finds them moved.
                        successor = new Query<>(query.key, engine, query.options(), query.initialState());
                        successor.record(QueryEvent.Kind.ADDED);
                        for (ObserverCore<?> observer : observers) {
                          ((ObserverCore<T>) observer).follow(successor);
                        }
                        index.add(successor);
                      }
                      detach(query);
                      return successor;
                    }));
    if (removed[0]) {
      engine.runtime.cacheChanged();
      engine.runtime.events.deliver(engine.runtime.notifier);
      query.cancel(false);
    }
    return removed[0];
  }

  private void detach(Query<?> query) {
    query.markRemoved();
    index.remove(query);
    query.reportRemoved();
  }

  /** The live queries that {@code filter} selects, in no particular order. */
  public List<Query<?>> findAll(QueryFilter filter) {
    QueryKey<?> key = filter.key();
    List<Query<?>> candidates;
    boolean keysMatch;
    if (key != null && filter.isExact()) {
      Query<?> query = get(key);
      candidates = query == null ? List.of() : List.of(query);
      keysMatch = true;
    } else {
      QueryIndex.Candidates found = index.candidates(key == null ? KeyList.EMPTY : KeyRoots.of(key));
      candidates = found.queries();
      keysMatch = found.allMatch();
    }
    long now = engine.runtime.now();
    List<Query<?>> matches = new ArrayList<>(candidates.size());
    for (Query<?> query : candidates) {
      if ((keysMatch || FilterMatch.key(filter, query.key))
          && query.isLive(now)
          && FilterMatch.state(filter, query, now)) {
        matches.add(query);
      }
    }
    return matches;
  }


  /**
   * While someone listens to the cache, removes each query exactly at its retention deadline
   * instead of at Caffeine's next tick (its timer wheel is about a second coarse), so that the
   * listeners hear of the removal when it happens. Reads and filters already treat an expired
   * query as gone; only the listeners could tell the difference, so without listeners this
   * costs nothing. One wake-up per query at a time: a wake-up that finds the deadline moved
   * schedules the next one.
   */
  void watchRetention(Query<?> query) {
    long until = query.retainedUntil();
    if (until == Long.MAX_VALUE || query.retentionWatched
        || !engine.runtime.hasCacheListeners() && !query.outlivesStore) {
      return;
    }
    query.retentionWatched = true;
    // Called inside the key's atomic step: schedule after it, so that even a scheduler that
    // runs a due task at once cannot reenter the step.
    engine.runtime.notifier.later(
        () -> engine.runtime.scheduler.schedule(() -> expireIfDue(query), Duration.ofNanos(Math.max(0, until - engine.runtime.now()))));
  }

  /** Every query unpinned now is watched: a cache listener has just registered. */
  public void watchAllRetentions() {
    for (Query<?> query : cache.asMap().values()) {
      watchRetention(query);
    }
  }

  private void expireIfDue(Query<?> query) {
    query.retentionWatched = false;
    if (query.isRemoved()) {
      return;
    }
    long now = engine.runtime.now();
    if (query.isLive(now)) {
      watchRetention(query); // pinned again (a later unpin watches anew), or retained longer
      return;
    }
    engine.runtime.notifier.batch(
        () -> {
          // In the key's atomic step: an observer arriving first keeps the query. Caffeine
          // sees an expired entry as absent (and evicts it, through the eviction listener).
          cache.asMap().compute(query.key, (key, live) ->
              live == query && !query.isLive(engine.runtime.now()) ? null : live);
          if (!query.isLive(engine.runtime.now())) {
            detach(query);
            engine.runtime.cacheChanged();
            engine.runtime.events.deliver(engine.runtime.notifier);
          }
        });
  }

  /** Caffeine's clock: the client's ticker since the store was made, stopped at the horizon. */
  private long storeTime() {
    long elapsed = engine.runtime.ticker.read() - origin;
    return elapsed < STORE_HORIZON ? elapsed : STORE_HORIZON;
  }

  /**
   * Caffeine's view of a query's lifetime: forever while pinned, else its gc time; a deadline
   * at or past the horizon is forever for Caffeine and kept by {@link #watchRetention}.
   */
  private final class Retention implements Expiry<QueryKey<?>, Query<?>> {
    @Override
    public long expireAfterCreate(QueryKey<?> key, Query<?> query, long now) {
      return retain(query, now);
    }

    @Override
    public long expireAfterUpdate(QueryKey<?> key, Query<?> query, long now, long remaining) {
      return retain(query, now);
    }

    /** {@code storeNow}: Caffeine's clock, which is the client's until the horizon. */
    private long retain(Query<?> query, long storeNow) {
      long nanos = query.retentionNanos(storeNow < STORE_HORIZON ? origin + storeNow : engine.runtime.now());
      boolean forever = nanos == Long.MAX_VALUE;
      query.outlivesStore = !forever && nanos >= STORE_HORIZON - storeNow;
      watchRetention(query);
      return query.outlivesStore ? Long.MAX_VALUE : nanos;
    }

    @Override
    public long expireAfterRead(QueryKey<?> key, Query<?> query, long now, long remaining) {
      return remaining;
    }
  }
}
