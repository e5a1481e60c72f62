package dev.querycache;

/**
 * Which way an infinite query grows: a page after the last one, or before the first.
 *
 * @since 0.1.0
 */
public enum PageDirection {
  /** The next page, added after the last one ({@code fetchNextPage}). */
  FORWARD,
  /** The previous page, added before the first one ({@code fetchPreviousPage}). */
  BACKWARD
}
