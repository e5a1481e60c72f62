package dev.querycache.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.Mutation;
import dev.querycache.PluginScope;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example of docs/testing.md, which quotes this class: keep the two identical. */
@QueryCacheTest
class MarkAsReadGuideTest {
  record Notification(String id, boolean read) {}

  record NotificationsPage(List<Notification> rows) {
    NotificationsPage markRead(String id) {
      return new NotificationsPage(rows.stream()
          .map(row -> row.id().equals(id) ? new Notification(id, true) : row)
          .toList());
    }

    /** What the test asserts: "n1 unread, n2 read". */
    String describe() {
      return rows.stream()
          .map(row -> row.id() + (row.read() ? " read" : " unread"))
          .collect(Collectors.joining(", "));
    }
  }

  static NotificationsPage page(Notification... rows) {
    return new NotificationsPage(List.of(rows));
  }

  final ControllableQuery<NotificationsPage> getNotifications = new ControllableQuery<>();
  final ControllableMutation<String, Boolean> markAsReadOnServer = new ControllableMutation<>();
  Mutation<String, Boolean, Void> markAsRead;
  TransitionLog<NotificationsPage> screen;

  @BeforeEach
  void showTheNotifications(QueryClient client, TransitionRecorder recorder) {
    PluginScope notification = client.plugin("notification");
    QueryKey<NotificationsPage> key = notification.queryKey("getNotifications", Map.of("limit", 20));
    markAsRead = notification.asyncMutation(markAsReadOnServer)       // the code under test
        .optimistic(key, NotificationsPage::markRead)
        .errorMessage("Failed to mark as read")
        .build();

    screen = recorder.observe(                                          // the screen
        QueryOptions.builder(key).asyncFetcher(getNotifications).build(),
        NotificationsPage::describe);
    getNotifications.resolve(page(new Notification("n1", false), new Notification("n2", true)));
  }

  @Test
  void aRefusedMarkAsReadFlipsBackSaysSoAndRefetches(RecordingToaster toaster) {
    markAsRead.mutate("n1");                                            // the click
    markAsReadOnServer.fail(new IOException("503 Service Unavailable")); // the server refuses
    getNotifications.resolve(page(                                       // the refetch lands
        new Notification("n1", false), new Notification("n2", true), new Notification("n3", false)));

    screen.assertSequence(
        "loading",
        "fetched: n1 unread, n2 read",
        "optimistic: n1 read, n2 read",
        "rolled back: n1 unread, n2 read",
        "refetched: n1 unread, n2 read, n3 unread");
    assertThat(toaster.errors()).extracting(Toast::message).containsExactly("Failed to mark as read");
    toaster.assertNoSuccessToasts();
  }

  @Test
  void anAcceptedMarkAsReadNeverFlashesBack(RecordingToaster toaster) {
    CompletableFuture<Boolean> done = markAsRead.mutate("n1");
    markAsReadOnServer.resolve(true);                                    // the server accepts
    getNotifications.resolve(page(new Notification("n1", true), new Notification("n2", true)));

    screen.assertSequence(
        "loading",
        "fetched: n1 unread, n2 read",
        "optimistic: n1 read, n2 read",
        "refetching: n1 read, n2 read",
        "refetched: n1 read, n2 read");
    assertThat(done).isCompletedWithValue(true);
    toaster.assertNoToasts();
  }
}
