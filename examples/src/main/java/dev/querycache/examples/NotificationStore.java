package dev.querycache.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The server's notifications. When told to, new ones arrive by themselves, one every
 * {@code arrivalEvery} of the clock since the store was made (at most {@link #MAX_ARRIVALS}):
 * the server changes while nobody writes, which is what polling is for. Arrivals are computed
 * when the store is read, so a test's clock decides them. Thread-safe (every method locks the
 * store).
 */
final class NotificationStore {
  /** The most notifications that arrive by themselves. */
  static final int MAX_ARRIVALS = 50;

  private final Map<String, Notification> rows = new LinkedHashMap<>();
  private final Clock clock;
  private final Instant start;
  private final @Nullable Duration arrivalEvery;
  private int arrived;

  NotificationStore(List<Notification> seed, Clock clock, @Nullable Duration arrivalEvery) {
    seed.forEach(n -> rows.put(n.id(), n));
    this.clock = clock;
    this.start = clock.instant();
    this.arrivalEvery = arrivalEvery;
  }

  /** Adds the notifications due by now. */
  private void arrive() {
    Duration every = arrivalEvery;
    if (every == null) {
      return;
    }
    long due = Math.min(MAX_ARRIVALS, Duration.between(start, clock.instant()).toNanos() / every.toNanos());
    while (arrived < due) {
      Notification next = SeedData.arrival(arrived, start.plus(every.multipliedBy(arrived + 1L)));
      rows.put(next.id(), next);
      arrived++;
    }
  }

  synchronized NotificationsPage page(NotificationsQuery query) {
    arrive();
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
    arrive();
    Notification row = rows.get(id);
    if (row == null) {
      throw HttpStatusException.notFound("No notification with id '" + id + "'");
    }
    Notification read = row.markedRead();
    rows.put(id, read);
    return read;
  }
}
