package dev.querycache;

/**
 * Whether a query has data, in TanStack Query's terms. It says nothing about fetching: a
 * query can be {@link #SUCCESS} and fetching again at the same time (see {@link FetchStatus}).
 *
 * @since 0.1.0
 */
public enum QueryStatus {
  /** No data yet (and no error since the last reset). */
  PENDING,
  /** The query holds data; the last fetch succeeded or data was set by hand. */
  SUCCESS,
  /** The last fetch failed after its retries; data, if any, is kept beside the error. */
  ERROR
}
