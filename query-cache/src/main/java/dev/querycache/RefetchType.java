package dev.querycache;

/**
 * Which of the queries an invalidation marks are refetched at once (TanStack Query's
 * {@code refetchType}); see {@link QueryClient#invalidateQueries(QueryFilter, RefetchType,
 * RefetchOptions)}. A query whose stale time is {@link QuerySettings#STATIC} is never
 * refetched this way, and neither is one without a query function.
 *
 * @since 0.1.0
 */
public enum RefetchType {
  /** The queries an enabled observer watches (the default): what the screens show. */
  ACTIVE,
  /** The others: cached queries no enabled observer watches. */
  INACTIVE,
  /** Both. */
  ALL,
  /** None: the queries are only marked, and refetch when next observed or asked. */
  NONE
}
