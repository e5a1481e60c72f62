package dev.querycache;

import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Selects queries in the cache, for the client's bulk operations
 * ({@link QueryClient#invalidateQueries(QueryFilter)}, {@link
 * QueryClient#cancelQueries(QueryFilter)}, ...). A query is selected when it satisfies every
 * condition the filter sets:
 *
 * <ul>
 *   <li>its key: either equal to the filter's key ({@link #exact(QueryKey)}) or matched by it
 *       partially ({@link #prefix(QueryKey)}): a list matches a list whose leading elements
 *       match, a map matches a map holding at least its entries, recursively, so
 *       {@code [["notification"]]} selects
 *       {@code [["notification","getNotifications"],{"input":{...},"type":"query"}]};
 *   <li>its {@linkplain Type activity} (observed or not);
 *   <li>whether it is stale;
 *   <li>its {@link FetchStatus};
 *   <li>a predicate over a {@link CachedQuery} snapshot.
 * </ul>
 *
 * <p>Keys come in two shapes, and a prefix must have the shape of the keys it selects. A key
 * whose first part is a string ({@code QueryKey.of("todos", "list", filter)}) is selected by
 * {@code prefix("todos")}. A plugin's key ({@link PluginScope#queryKey}, the shape of an oRPC
 * procedure) begins with a <em>list</em>, the procedure's path:
 * {@code [["notification","getNotifications"],{"input":{...},"type":"query"}]}. The string
 * {@code "notification"} is not that list, so {@code prefix("notification")} selects none of
 * a plugin's keys, and an invalidation written that way does nothing. Select a plugin's
 * queries with {@link PluginScope#queries()}, or with the list form:
 *
 * <pre>{@code
 * client.invalidateQueries(QueryFilter.prefix("todos"));                   // ["todos", ...]
 * client.invalidateQueries(client.plugin("notification").queries());      // [["notification", ...], ...]
 * client.invalidateQueries(QueryFilter.prefix(List.of("notification")));  // the same queries
 * client.invalidateQueries(QueryFilter.prefix("notification"));           // none of the plugin's!
 * }</pre>
 *
 * <p>Finding the queries of a prefix filter costs in proportion to the queries under the
 * prefix, not to the size of the cache: the cache keeps an index on leading key parts (lists
 * and scalar parts, up to the first map part). Filters are immutable and thread-safe; every
 * {@code with}-style method returns a new filter.
 *
 * @since 0.1.0
 */
public final class QueryFilter {
  /** Whether a query is observed. */
  public enum Type {
    /** Every query. */
    ALL,
    /** Queries with at least one observer. */
    ACTIVE,
    /** Queries with no observer. */
    INACTIVE
  }

  private static final QueryFilter ALL_QUERIES =
      new QueryFilter(null, false, Type.ALL, null, null, null);

  private final @Nullable QueryKey<?> key;
  private final boolean exact;
  private final Type type;
  private final @Nullable Boolean stale;
  private final @Nullable FetchStatus fetchStatus;
  private final @Nullable Predicate<? super CachedQuery<?>> predicate;

  private QueryFilter(
      @Nullable QueryKey<?> key,
      boolean exact,
      Type type,
      @Nullable Boolean stale,
      @Nullable FetchStatus fetchStatus,
      @Nullable Predicate<? super CachedQuery<?>> predicate) {
    this.key = key;
    this.exact = exact;
    this.type = type;
    this.stale = stale;
    this.fetchStatus = fetchStatus;
    this.predicate = predicate;
  }

  /**
   * Selects every query.
   *
   * @return the filter that matches everything
   */
  public static QueryFilter all() {
    return ALL_QUERIES;
  }

  /**
   * Selects the queries whose key {@code prefix} matches partially (see the class comment).
   *
   * @param prefix the leading parts
   * @return the filter
   * @throws NullPointerException if {@code prefix} is null
   */
  public static QueryFilter prefix(QueryKey<?> prefix) {
    return new QueryFilter(Objects.requireNonNull(prefix, "prefix == null"), false, Type.ALL, null, null, null);
  }

  /**
   * Shorthand for {@code prefix(QueryKey.of(parts))}. For a plugin's keys, whose first part is
   * a list, pass the list: {@code prefix(List.of("notification"))}, not
   * {@code prefix("notification")} (see the class comment).
   *
   * @param parts the leading parts
   * @return the filter
   * @throws IllegalArgumentException as {@link QueryKey#of(Object...)}
   */
  public static QueryFilter prefix(@Nullable Object... parts) {
    return prefix(QueryKey.of(parts));
  }

  /**
   * Selects the one query whose key equals {@code key}.
   *
   * @param key the key
   * @return the filter
   * @throws NullPointerException if {@code key} is null
   */
  public static QueryFilter exact(QueryKey<?> key) {
    return new QueryFilter(Objects.requireNonNull(key, "key == null"), true, Type.ALL, null, null, null);
  }

  /**
   * Narrows to queries of the given activity.
   *
   * @param type active, inactive or all
   * @return a new filter
   * @throws NullPointerException if {@code type} is null
   */
  public QueryFilter type(Type type) {
    return new QueryFilter(key, exact, Objects.requireNonNull(type, "type == null"), stale, fetchStatus, predicate);
  }

  /**
   * Narrows to observed queries: {@code type(Type.ACTIVE)}.
   *
   * @return a new filter
   */
  public QueryFilter active() {
    return type(Type.ACTIVE);
  }

  /**
   * Narrows to unobserved queries: {@code type(Type.INACTIVE)}.
   *
   * @return a new filter
   */
  public QueryFilter inactive() {
    return type(Type.INACTIVE);
  }

  /**
   * Narrows to stale queries ({@code true}) or fresh ones ({@code false}).
   *
   * @param stale which to keep
   * @return a new filter
   */
  public QueryFilter stale(boolean stale) {
    return new QueryFilter(key, exact, type, stale, fetchStatus, predicate);
  }

  /**
   * Narrows to queries in the given fetch status.
   *
   * @param fetchStatus the status to keep
   * @return a new filter
   * @throws NullPointerException if {@code fetchStatus} is null
   */
  public QueryFilter fetchStatus(FetchStatus fetchStatus) {
    return new QueryFilter(key, exact, type, stale, Objects.requireNonNull(fetchStatus, "fetchStatus == null"), predicate);
  }

  /**
   * Narrows to queries that also satisfy {@code predicate}. Calling it again adds another
   * predicate (both must hold). The predicate runs on the calling thread, outside any lock.
   *
   * @param predicate a test on a snapshot of the query
   * @return a new filter
   * @throws NullPointerException if {@code predicate} is null
   */
  public QueryFilter where(Predicate<? super CachedQuery<?>> predicate) {
    Objects.requireNonNull(predicate, "predicate == null");
    Predicate<? super CachedQuery<?>> earlier = this.predicate;
    Predicate<? super CachedQuery<?>> combined =
        earlier == null ? predicate : query -> earlier.test(query) && predicate.test(query);
    return new QueryFilter(key, exact, type, stale, fetchStatus, combined);
  }

  /**
   * The key this filter selects by: the prefix, or the exact key if {@link #isExact()}.
   *
   * @return the key, or null if the filter selects every key
   */
  public @Nullable QueryKey<?> key() {
    return key;
  }

  /**
   * Whether {@link #key()} must equal a query's key, rather than match its start.
   *
   * @return {@code true} for a filter made by {@link #exact(QueryKey)}
   */
  public boolean isExact() {
    return exact;
  }

  /**
   * Which queries by activity: all, only those with observers, or only those without.
   *
   * @return the type; {@link Type#ALL} unless narrowed
   */
  public Type type() {
    return type;
  }

  /**
   * The staleness a query must have to be selected.
   *
   * @return {@code true} for stale only, {@code false} for fresh only, null for either
   */
  public @Nullable Boolean stale() {
    return stale;
  }

  /**
   * The fetch status a query must have to be selected.
   *
   * @return the status, or null for any
   */
  public @Nullable FetchStatus fetchStatus() {
    return fetchStatus;
  }

  /**
   * The test a snapshot of the query must pass, after the other conditions (the predicates of
   * every {@link #where} call, ANDed).
   *
   * @return the predicate, or null for none
   */
  public @Nullable Predicate<? super CachedQuery<?>> predicate() {
    return predicate;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("QueryFilter{");
    out.append(key == null ? "all" : (exact ? "exact " : "prefix ") + key);
    if (type != Type.ALL) {
      out.append(", ").append(type);
    }
    if (stale != null) {
      out.append(stale ? ", stale" : ", fresh");
    }
    if (fetchStatus != null) {
      out.append(", ").append(fetchStatus);
    }
    if (predicate != null) {
      out.append(", where ...");
    }
    return out.append('}').toString();
  }
}
