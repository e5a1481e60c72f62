package dev.querycache;

/**
 * A snapshot of one query in the cache, as filters' predicates and cache inspectors see it.
 *
 * @param key the query's key
 * @param state its state at the time of the snapshot
 * @param observerCount how many observers watch it; above zero means active
 * @param isStale whether its data is stale (missing, invalidated or older than its stale
 *     time)
 * @param <T> the type of the data
 */
public record CachedQuery<T>(QueryKey<T> key, QueryState<T> state, int observerCount, boolean isStale) {
  /**
   * Checks the components.
   *
   * @param key see {@link #key()}
   * @param state see {@link #state()}
   * @param observerCount see {@link #observerCount()}
   * @param isStale see {@link #isStale()}
   * @throws NullPointerException if {@code key} or {@code state} is null
   */
  public CachedQuery {
    java.util.Objects.requireNonNull(key, "key == null");
    java.util.Objects.requireNonNull(state, "state == null");
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
