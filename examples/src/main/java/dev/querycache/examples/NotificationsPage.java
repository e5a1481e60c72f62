package dev.querycache.examples;

import java.util.List;
import java.util.Objects;

/**
 * One page of notifications, as {@code notification.getNotifications} returns it.
 *
 * @param notifications the page's rows, newest first
 * @param unreadCount how many notifications are unread in all (not only on this page)
 * @param total how many notifications the query selects in all (for paging)
 */
public record NotificationsPage(List<Notification> notifications, int unreadCount, int total) {
  /**
   * Copies the rows and checks the counts.
   *
   * @param notifications the page's rows, newest first
   * @param unreadCount how many notifications are unread in all (not only on this page)
   * @param total how many notifications the query selects in all (for paging)
   * @throws NullPointerException if {@code notifications} is or holds null
   * @throws IllegalArgumentException if a count is negative
   */
  public NotificationsPage {
    notifications = List.copyOf(notifications);
    if (unreadCount < 0 || total < 0) {
      throw new IllegalArgumentException("counts must not be negative: unreadCount=" + unreadCount + ", total=" + total);
    }
  }

  /**
   * The optimistic projection of mark-as-read: the row {@code notificationId} shows as read
   * and the unread count drops by one if it was unread. A pure, idempotent function of the
   * page: applying it to a page where the row is already read (or absent) changes nothing.
   *
   * @param notificationId the row to mark
   * @return the patched page, or this page if nothing changes
   */
  public NotificationsPage markRead(String notificationId) {
    Objects.requireNonNull(notificationId, "notificationId == null");
    boolean flipped = notifications.stream().anyMatch(n -> n.id().equals(notificationId) && !n.isRead());
    if (!flipped) {
      return this;
    }
    List<Notification> rows = notifications.stream()
        .map(n -> n.id().equals(notificationId) ? n.markedRead() : n)
        .toList();
    return new NotificationsPage(rows, Math.max(0, unreadCount - 1), total);
  }
}
