package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.querycache.QueryClient;
import dev.querycache.test.QueryCacheExtension;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.TransitionLog;
import dev.querycache.test.TransitionRecorder;
import dev.querycache.test.VirtualTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's mark-as-read, step by step, with the test kit and a mocked {@link DemoApi}. The
 * API blocks, so its calls run on the virtual time's executor: {@code mutate} returns with the
 * patch shown and the request not yet sent, and the test sends it by moving the time.
 */
class MarkAsReadKitTest {
  @RegisterExtension
  static final QueryCacheExtension kit =
      QueryCacheExtension.withClient((builder, time) -> builder.fetchExecutor(time.executor()));

  static final NotificationsQuery FIRST_PAGE = NotificationsQuery.firstPage();
  static final Instant NOW = Instant.parse("2025-01-01T09:00:00Z");

  final DemoApi api = mock(DemoApi.class);

  static Notification notification(String id, boolean read) {
    return new Notification(id, "Build " + id, "The build " + id + " finished.", read, NOW);
  }

  static NotificationsPage page(Notification... rows) {
    int unread = (int) List.of(rows).stream().filter(row -> !row.isRead()).count();
    return new NotificationsPage(List.of(rows), unread, rows.length);
  }

  static String describe(NotificationsPage page) {
    return page.notifications().stream()
        .map(row -> row.id() + (row.isRead() ? " read" : " unread"))
        .collect(Collectors.joining(", "));
  }

  @Test
  void aRefusedMarkAsReadFlipsBackSaysSoAndRefetches(
      QueryClient client, VirtualTime time, TransitionRecorder recorder, RecordingToaster toaster) throws Exception {
    DemoQueries queries = new DemoQueries(client, api);
    when(api.getNotifications(FIRST_PAGE)).thenReturn(
        page(notification("n1", false), notification("n2", true)),
        page(notification("n1", false), notification("n2", true), notification("n3", false)));
    when(api.markAsRead("n1")).thenThrow(new DemoApiException(503, "Service Unavailable"));
    TransitionLog<NotificationsPage> screen = recorder.observe(queries.notifications(FIRST_PAGE), MarkAsReadKitTest::describe);
    time.runDue();                                                       // the first page loads

    CompletableFuture<Notification> done = queries.markAsRead().mutate("n1");   // the click
    assertThat(screen.last().summary()).isEqualTo("optimistic: n1 read, n2 read");
    time.runDue();                                                       // the server refuses; the refetch runs

    screen.assertSequence(
        "loading",
        "fetched: n1 unread, n2 read",
        "optimistic: n1 read, n2 read",
        "rolled back: n1 unread, n2 read",
        "refetched: n1 unread, n2 read, n3 unread");
    assertThat(done).isCompletedExceptionally();
    assertThat(toaster.errors()).singleElement().satisfies(toast -> {
      assertThat(toast.message()).isEqualTo(DemoQueries.MARK_AS_READ_FAILED);
      assertThat(toast.cause()).hasMessage("Service Unavailable");
    });
    toaster.assertNoSuccessToasts();
  }
}
