package dev.querycache.internal.query;

import dev.querycache.CachedQuery;
import dev.querycache.FetchStatus;
import dev.querycache.MutationFilter;
import dev.querycache.MutationState;
import dev.querycache.MutationStatus;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.internal.key.KeyParts;
import java.util.function.Predicate;

/**
 * Whether a query matches a {@link QueryFilter}, or a mutation run a {@link MutationFilter}:
 * the engine's side of filters, which are plain data. The store's index narrows candidate
 * queries by key first ({@link QueryCache#findAll}); these checks decide the rest.
 */
public final class FilterMatch {
  private FilterMatch() {}

  /** Whether a query with {@code key} can be selected by {@code filter}'s key. */
  public static boolean key(QueryFilter filter, QueryKey<?> key) {
    QueryKey<?> wanted = filter.key();
    if (wanted == null) {
      return true;
    }
    return filter.isExact() ? wanted.equals(key) : KeyParts.partialMatch(KeyRoots.of(key), KeyRoots.of(wanted));
  }

  /**
   * Whether everything but the key matches: activity, fetch status, staleness and the
   * predicate, which runs last and only then on a snapshot of the query.
   */
  static boolean state(QueryFilter filter, Query<?> query, long now) {
    QueryFilter.Type type = filter.type();
    if (type != QueryFilter.Type.ALL && (query.observerCount() > 0) != (type == QueryFilter.Type.ACTIVE)) {
      return false;
    }
    FetchStatus fetchStatus = filter.fetchStatus();
    if (fetchStatus != null && query.state().fetchStatus() != fetchStatus) {
      return false;
    }
    Boolean stale = filter.stale();
    if (stale != null && query.isStale(now) != stale) {
      return false;
    }
    Predicate<? super CachedQuery<?>> predicate = filter.predicate();
    return predicate == null || predicate.test(query.snapshot(now));
  }

  /** Whether a mutation run in {@code state} is selected by {@code filter}. */
  public static boolean mutation(MutationFilter filter, MutationState<?, ?, ?> state) {
    MutationStatus status = filter.status();
    if (status != null && state.status() != status) {
      return false;
    }
    QueryKey<?> prefix = filter.mutationKey();
    if (prefix != null) {
      QueryKey<?> runKey = state.mutationKey();
      if (runKey == null || !runKey.startsWith(prefix)) {
        return false;
      }
    }
    Predicate<? super MutationState<?, ?, ?>> predicate = filter.predicate();
    return predicate == null || predicate.test(state);
  }
}
