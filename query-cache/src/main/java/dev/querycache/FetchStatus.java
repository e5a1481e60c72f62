package dev.querycache;

/**
 * Whether a query's function is running, waiting to run, or not running.
 *
 * @since 0.1.0
 */
public enum FetchStatus {
  /** The query function is running, or a retry is waiting for its backoff delay. */
  FETCHING,
  /** A fetch wants to run but the client is offline; it resumes when back online. */
  PAUSED,
  /** No fetch in flight. */
  IDLE
}
