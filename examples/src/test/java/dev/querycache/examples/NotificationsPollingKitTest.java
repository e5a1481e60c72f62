package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.querycache.QueryClient;
import dev.querycache.test.QueryCacheExtension;
import dev.querycache.test.TransitionLog;
import dev.querycache.test.TransitionRecorder;
import dev.querycache.test.VirtualTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's notifications screen polls: what arrived on the server shows without anybody
 * writing or refreshing, every {@link DemoQueries#NOTIFICATIONS_POLL} while the screen is open
 * and the window has focus. With the test kit's virtual time and a mocked {@link DemoApi}.
 */
class NotificationsPollingKitTest {
  @RegisterExtension
  static final QueryCacheExtension kit =
      QueryCacheExtension.withClient((builder, time) -> builder.fetchExecutor(time.executor()));

  static final NotificationsQuery FIRST_PAGE = NotificationsQuery.firstPage();
  static final Instant NOW = Instant.parse("2025-01-01T09:00:00Z");

  final DemoApi api = mock(DemoApi.class);

  static NotificationsPage page(String... ids) {
    List<Notification> rows = List.of(ids).stream()
        .map(id -> new Notification(id, "Build " + id, "The build " + id + " finished.", false, NOW)).toList();
    return new NotificationsPage(rows, rows.size(), rows.size());
  }

  static String describe(NotificationsPage page) {
    return page.notifications().stream().map(Notification::id).collect(Collectors.joining(", "));
  }

  @Test
  void whatArrivedOnTheServerShowsAtTheNextPoll(QueryClient client, VirtualTime time, TransitionRecorder recorder)
      throws Exception {
    DemoQueries queries = new DemoQueries(client, api);
    when(api.getNotifications(FIRST_PAGE)).thenReturn(page("n1"), page("n2", "n1"));
    TransitionLog<NotificationsPage> screen = recorder.observe(queries.notifications(FIRST_PAGE), NotificationsPollingKitTest::describe);
    time.runDue();                                                       // the first page loads

    time.advance(DemoQueries.NOTIFICATIONS_POLL.minusMillis(1));
    assertThat(screen.last().summary()).as("not yet").isEqualTo("fetched: n1");

    time.advance(java.time.Duration.ofMillis(1));                        // the poll

    assertThat(screen.last().summary()).isEqualTo("refetched: n2, n1");
  }

  @Test
  void aScreenInTheBackgroundDoesNotPoll(QueryClient client, VirtualTime time, TransitionRecorder recorder)
      throws Exception {
    DemoQueries queries = new DemoQueries(client, api);
    when(api.getNotifications(FIRST_PAGE)).thenReturn(page("n1"), page("n2", "n1"));
    TransitionLog<NotificationsPage> screen = recorder.observe(queries.notifications(FIRST_PAGE), NotificationsPollingKitTest::describe);
    time.runDue();
    client.focusChanged(false);                                          // another application has focus

    time.advance(DemoQueries.NOTIFICATIONS_POLL.multipliedBy(3));

    assertThat(screen.last().summary()).isEqualTo("fetched: n1");
  }
}
