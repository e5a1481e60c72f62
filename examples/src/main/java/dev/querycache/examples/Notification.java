package dev.querycache.examples;

import java.time.Instant;
import java.util.Objects;

/**
 * One notification of the notifications page, as the server sends it.
 *
 * @param id the notification's id, such as {@code "n3"}
 * @param title a one-line summary
 * @param body the full text
 * @param isRead whether the user has read it
 * @param createdAt when it was created
 */
public record Notification(String id, String title, String body, boolean isRead, Instant createdAt) {
  /**
   * Checks the fields.
   *
   * @param id the notification's id, such as {@code "n3"}
   * @param title a one-line summary
   * @param body the full text
   * @param isRead whether the user has read it
   * @param createdAt when it was created
   * @throws NullPointerException if a field is null
   */
  public Notification {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(title, "title == null");
    Objects.requireNonNull(body, "body == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
  }

  /**
   * This notification, read.
   *
   * @return a copy with {@code isRead} set, or this one if it was read already
   */
  public Notification markedRead() {
    return isRead ? this : new Notification(id, title, body, true, createdAt);
  }
}
