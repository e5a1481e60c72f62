package dev.querycache;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing that happened to a cached query, as {@link QueryClient#onQueryEvent} reports it:
 * which query, what happened, who caused it where the cache knows, when, and the state before
 * and after. Every change to a {@link QueryState} is exactly one event; a step that changes
 * nothing (invalidating an invalidated query) is none. Besides the transitions, the stream
 * tells when a query enters and leaves the cache and when observers come, go and get a new
 * result (TanStack Query's cache events); those kinds change no state, and
 * {@link Kind#changesState()} tells them apart. Devtools build timelines from these
 * ({@code CacheInspector} does); tests can read a screen's cache history from them; a
 * listener can keep the cache small by removing queries as observers leave.
 *
 * <p><b>Delivery.</b> Nothing is coalesced: one query's events reach a listener in the order
 * they happened, on the client's notify executor, outside its locks; what a listener throws
 * is logged and the stream goes on. With no listener the stream costs nothing. A listener that
 * falls more than 10 000 events behind loses the oldest ones (a log line says how many).
 *
 * @param key the query's key
 * @param kind what happened
 * @param by who caused it, where the cache knows: for the optimistic-layer kinds, the
 *     mutation run ({@link MutationState#runName()}, such as {@code "archive #12"}); null for
 *     the others
 * @param at when, on the client's {@link Ticker} (nanoseconds)
 * @param before the state before
 * @param after the state after; the same instance as {@code before} exactly for the kinds
 *     that change no state
 * @param meta the {@linkplain QueryOptions.Builder#meta(Map) meta} of the query's options
 *     (empty if none): what a listener that reports or limits queries reads about them
 * @param <T> the type of the query's data
 * @since 0.1.0
 */
public record QueryEvent<T>(
    QueryKey<T> key,
    QueryEvent.Kind kind,
    @Nullable String by,
    long at,
    QueryState<T> before,
    QueryState<T> after,
    Map<String, Object> meta) {

  /** What happened to a query. */
  public enum Kind {
    /** A fetch began (the state says fetching, or paused when offline). */
    FETCH_STARTED,
    /** The fetch in flight waits for the network to come back. */
    FETCH_PAUSED,
    /** The paused fetch goes on: the network is back. */
    FETCH_RESUMED,
    /** An attempt of the fetch failed; it will be retried. */
    ATTEMPT_FAILED,
    /** A fetch brought data: the query is a success, its fetch over. */
    FETCHED,
    /** The fetch failed for good: the query holds the error. */
    FETCH_FAILED,
    /** The fetch was cancelled: the state went back to what it was before it. */
    FETCH_CANCELLED,
    /** Data was written by hand ({@link QueryClient#setQueryData} and its kin). */
    SET,
    /** The query was marked invalid: stale whatever its stale time. */
    INVALIDATED,
    /** The query went back to its initial state. */
    RESET,
    /** A mutation's optimistic layer went on top of the data. */
    LAYER_ADDED,
    /**
     * A rapid-toggle channel's layer took the channel's latest call in place of the one
     * before (the stack does not grow per call).
     */
    LAYER_REPLACED,
    /** A mutation failed or was cancelled: its layers came off (its rollback). */
    ROLLED_BACK,
    /** A layer's patch failed when applied again over newer data, and the layer came off. */
    LAYER_FAILED,
    /**
     * Layers of mutations that succeeded became part of the confirmed data (the data a
     * fetch or a write by hand brought includes them, or their settle step folded them).
     */
    LAYERS_FOLDED,
    /**
     * A tool forced the state: {@link QueryDevtools} simulated a loading or an error, or put
     * back the state from before one.
     */
    SIMULATED,
    /** The query entered the cache (an observer, a fetch or a write created it). */
    ADDED,
    /**
     * The query left the cache: garbage-collected, evicted by the size cap, or removed
     * ({@link QueryClient#removeQueries}). If observers watched it, they moved to a new query
     * of the key, whose {@code ADDED} and {@code OBSERVER_ADDED} events follow.
     */
    REMOVED,
    /** An observer started watching the query. */
    OBSERVER_ADDED,
    /** An observer stopped watching the query (closed, or moved to another key). */
    OBSERVER_REMOVED,
    /**
     * An observer gave its listener a new result (TanStack Query's
     * {@code observerResultsUpdated}); the state is the one the result shows. One per
     * delivery, so a burst of changes coalesced into one result is one event.
     */
    OBSERVER_RESULT_UPDATED;

    /**
     * Whether events of this kind are transitions of the query's state ({@code before} and
     * {@code after} differ); the others tell of the query's place in the cache and of its
     * observers.
     *
     * @return {@code false} for {@link #ADDED}, {@link #REMOVED} and the observer kinds
     */
    public boolean changesState() {
      return ordinal() < ADDED.ordinal();
    }
  }

  /**
   * Checks the components.
   *
   * @param key see {@link #key()}
   * @param kind see {@link #kind()}
   * @param by see {@link #by()}
   * @param at see {@link #at()}
   * @param before see {@link #before()}
   * @param after see {@link #after()}
   * @param meta see {@link #meta()}; copied
   * @throws NullPointerException if an argument other than {@code by} is null
   */
  public QueryEvent {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(before, "before == null");
    Objects.requireNonNull(after, "after == null");
    meta = Map.copyOf(Objects.requireNonNull(meta, "meta == null"));
  }

  /**
   * An event of a query without meta.
   *
   * @param key see {@link #key()}
   * @param kind see {@link #kind()}
   * @param by see {@link #by()}
   * @param at see {@link #at()}
   * @param before see {@link #before()}
   * @param after see {@link #after()}
   * @throws NullPointerException if an argument other than {@code by} is null
   */
  public QueryEvent(
      QueryKey<T> key, QueryEvent.Kind kind, @Nullable String by, long at, QueryState<T> before, QueryState<T> after) {
    this(key, kind, by, at, before, after, Map.of());
  }
}
