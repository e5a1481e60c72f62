package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationsPageTest {
  private static final Instant AT = Instant.parse("2026-05-04T09:00:00Z");

  private final NotificationsPage page = new NotificationsPage(List.of(
      new Notification("n1", "One", "Body", false, AT),
      new Notification("n2", "Two", "Body", true, AT)), 4, 2);

  @Test
  void markReadFlipsTheRowAndCountsOneFewerUnread() {
    NotificationsPage marked = page.markRead("n1");

    assertThat(marked.notifications()).extracting(Notification::isRead).containsExactly(true, true);
    assertThat(marked.unreadCount()).isEqualTo(3);
  }

  @Test
  void markReadOfAReadRowChangesNothing() {
    assertThat(page.markRead("n2")).isSameAs(page);
  }

  @Test
  void aQueryRefusesALimitOutOfRangeNamingIt() {
    assertThatThrownBy(() -> new NotificationsQuery(101, 0, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 1 and 100: 101");
  }
}
