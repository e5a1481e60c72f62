package dev.querycache.internal.ui;

import dev.querycache.CachedQuery;
import dev.querycache.FetchStatus;
import dev.querycache.QueryStatus;
import java.util.Locale;

/**
 * What a cache inspector says about a query at a glance, whatever the toolkit: the first of
 * these that holds. A fetch in flight says the most; an error outranks staleness; a query
 * nobody observes is inactive, whatever its age. Swing's and JavaFX's inspectors give each a
 * colour.
 */
public enum QueryHealth {
  /** A fetch is in flight. */
  FETCHING,
  /** A fetch waits for the network. */
  PAUSED,
  /** The last fetch failed and no data replaced its error. */
  ERROR,
  /** Nobody observes the query: it waits for its gc time. */
  INACTIVE,
  /** Observed, and its data is stale or invalidated. */
  STALE,
  /** Observed, and its data is fresh. */
  FRESH;

  /**
   * The health of {@code query}.
   *
   * @param query a snapshot from the cache
   * @return the first that holds for it
   */
  public static QueryHealth of(CachedQuery<?> query) {
    FetchStatus fetch = query.state().fetchStatus();
    if (fetch == FetchStatus.FETCHING) {
      return FETCHING;
    }
    if (fetch == FetchStatus.PAUSED) {
      return PAUSED;
    }
    if (query.state().status() == QueryStatus.ERROR) {
      return ERROR;
    }
    if (!query.isActive()) {
      return INACTIVE;
    }
    return query.isStale() ? STALE : FRESH;
  }

  /**
   * The word shown for it, which an inspector's filter matches.
   *
   * @return such as {@code "fresh"}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
