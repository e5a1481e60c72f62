package dev.querycache.examples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The server's notifications. Thread-safe (every method locks the store). */
final class NotificationStore {
  private final Map<String, Notification> rows = new LinkedHashMap<>();

  NotificationStore(List<Notification> seed) {
    seed.forEach(n -> rows.put(n.id(), n));
  }

  synchronized NotificationsPage page(NotificationsQuery query) {
    List<Notification> selected = new ArrayList<>();
    for (Notification n : rows.values()) {
      if (!query.unreadOnly() || !n.isRead()) {
        selected.add(n);
      }
    }
    selected.sort(Comparator.comparing(Notification::createdAt).reversed().thenComparing(Notification::id));
    int from = Math.min(query.offset(), selected.size());
    int to = Math.min(from + query.limit(), selected.size());
    int unread = (int) rows.values().stream().filter(n -> !n.isRead()).count();
    return new NotificationsPage(selected.subList(from, to), unread, selected.size());
  }

  synchronized Notification markAsRead(String id) {
    Notification row = rows.get(id);
    if (row == null) {
      throw HttpStatusException.notFound("No notification with id '" + id + "'");
    }
    Notification read = row.markedRead();
    rows.put(id, read);
    return read;
  }
}
