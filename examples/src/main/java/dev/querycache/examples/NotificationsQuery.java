package dev.querycache.examples;

/**
 * The input of {@code notification.getNotifications}: which page of notifications to load.
 * It is also the {@code "input"} part of the page's query key, so two screens showing the
 * same page share one cached query.
 *
 * @param limit how many notifications, 1 to {@value #MAX_LIMIT}
 * @param offset how many to skip, from the newest; 0 or more
 * @param unreadOnly whether to leave out the read ones
 */
public record NotificationsQuery(int limit, int offset, boolean unreadOnly) {
  /** The largest page the server hands out. */
  public static final int MAX_LIMIT = 100;

  /**
   * Checks the bounds.
   *
   * @param limit how many notifications, 1 to {@value #MAX_LIMIT}
   * @param offset how many to skip, from the newest; 0 or more
   * @param unreadOnly whether to leave out the read ones
   * @throws IllegalArgumentException if {@code limit} or {@code offset} is out of range; the
   *     message names it
   */
  public NotificationsQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
  }

  /**
   * The first page of twenty, read and unread: what the notifications page shows first.
   *
   * @return {@code (20, 0, false)}
   */
  public static NotificationsQuery firstPage() {
    return new NotificationsQuery(20, 0, false);
  }
}
