package dev.querycache;

import java.util.Map;

/**
 * A snapshot of one query in the cache, as filters' predicates and cache inspectors see it.
 *
 * @param key the query's key
 * @param state its state at the time of the snapshot
 * @param observerCount how many observers watch it; above zero means active
 * @param isStale whether its data is stale (missing, invalidated or older than its stale
 *     time)
 * @param meta the meta data of the options the query follows (empty if none): what a
 *     {@link QueryHooks} reads, such as the error message of a background refetch
 * @param <T> the type of the data
 * @since 0.1.0
 */
public record CachedQuery<T>(QueryKey<T> key, QueryState<T> state, int observerCount, boolean isStale, Map<String, Object> meta) {
  /**
   * Checks the components.
   *
   * @param key see {@link #key()}
   * @param state see {@link #state()}
   * @param observerCount see {@link #observerCount()}
   * @param isStale see {@link #isStale()}
   * @param meta see {@link #meta()}; copied
   * @throws NullPointerException if an argument is null, or {@code meta} holds a null
   */
  public CachedQuery {
    java.util.Objects.requireNonNull(key, "key == null");
    java.util.Objects.requireNonNull(state, "state == null");
    meta = Map.copyOf(meta);
  }

  /**
   * A snapshot without meta data.
   *
   * @param key see {@link #key()}
   * @param state see {@link #state()}
   * @param observerCount see {@link #observerCount()}
   * @param isStale see {@link #isStale()}
   * @throws NullPointerException if {@code key} or {@code state} is null
   */
  public CachedQuery(QueryKey<T> key, QueryState<T> state, int observerCount, boolean isStale) {
    this(key, state, observerCount, isStale, Map.of());
  }

  /**
   * Whether any observer watches the query.
   *
   * @return {@code observerCount() > 0}
   */
  public boolean isActive() {
    return observerCount > 0;
  }
}
