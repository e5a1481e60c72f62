package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default undo on the most common shape of a page of server data: a record that holds
 * the rows and a count ({@code NotificationsPage(rows, unread)}). The undo reverses, component
 * by component, only what the original patch changed: inside a list or a map of the record
 * as on a bare one, inside nested records too, while components that the patch did not
 * change, or that a later write changed (the server's count after the settle refetch), stand.
 * A record the library cannot rebuild keeps the old rule (the data before the patch only if
 * the data is still exactly what the patch made). Time is virtual.
 */
class UndoOfRecordsTest {
  record Notification(String id, boolean read) {}

  record NotificationsPage(List<Notification> rows, int unread) {}

  record Settings(Map<String, Boolean> flags, String theme) {}

  record Screen(NotificationsPage page, String title) {}

  /** A page whose constructor checks that the count matches the rows. */
  record CheckedPage(List<Notification> rows, int unread) {
    CheckedPage {
      if (unread != rows.stream().filter(n -> !n.read()).count()) {
        throw new IllegalArgumentException("unread does not match the rows");
      }
    }
  }

  private final VirtualTime time = new VirtualTime();
  private final RecordingToaster toaster = new RecordingToaster();
  private final QueryClient client = time.clientBuilder().toaster(toaster).build();
  private final ControllableQuery<NotificationsPage> pageServer = new ControllableQuery<>();
  private final ControllableMutation<String, String> markServer = new ControllableMutation<>();
  private final QueryKey<NotificationsPage> page = QueryKey.of("notifications", "page");

  private static final Notification N1 = new Notification("n1", false);
  private static final Notification N2 = new Notification("n2", false);
  private static final Notification N1_READ = new Notification("n1", true);

  @AfterEach
  void close() {
    client.close();
  }

  private static List<Notification> markRead(List<Notification> rows, String id) {
    return rows.stream().map(n -> n.id().equals(id) ? new Notification(id, true) : n).collect(Collectors.toUnmodifiableList());
  }

  private <T> Mutation<String, String, Void> undoableMark(QueryKey<T> key, dev.querycache.Projection<T, String> patch) {
    return client.asyncMutation(markServer)
        .optimistic(key, patch)
        .errorMessage("Failed to mark as read")
        .undoable(Optional::of, request -> true, id -> "Marked as read")
        .build();
  }

  private NotificationsPage shown() {
    return client.getQueryData(page).orElseThrow();
  }

  @Test
  void theRowFlipsBackAtOnceWhileTheServersCountStands() {
    Mutation<String, String, Void> mark = undoableMark(page, (p, id) -> new NotificationsPage(markRead(p.rows(), id), p.unread()));
    try (QueryObserver<NotificationsPage> screen =
        client.observe(QueryOptions.builder(page).asyncFetcher(pageServer).build(), result -> {})) {
      pageServer.resolve(new NotificationsPage(List.of(N1, N2), 2));
      mark.mutate("n1");
      markServer.resolve("m-1");
      pageServer.resolve(new NotificationsPage(List.of(N1_READ, N2), 1)); // the settle refetch

      toaster.lastUndoOffer().undo();

      assertThat(shown()).as("n1 unread again at once; the server's count stands")
          .isEqualTo(new NotificationsPage(List.of(N1, N2), 1));
      time.runDue(); // the reverse operation runs; the undo settles and refetches
      pageServer.resolve(new NotificationsPage(List.of(N1, N2), 2));
      assertThat(screen.result().data()).isEqualTo(new NotificationsPage(List.of(N1, N2), 2));
    }
  }

  @Test
  void aComponentThePatchChangedGetsItsOldValueIfItStillHoldsWhatThePatchMade() {
    Mutation<String, String, Void> mark =
        undoableMark(page, (p, id) -> new NotificationsPage(markRead(p.rows(), id), p.unread() - 1));
    client.setQueryData(page, new NotificationsPage(List.of(N1, N2), 2));
    mark.mutate("n1");
    markServer.resolve("m-1");
    client.setQueryData(page, new NotificationsPage(List.of(N1_READ, N2), 1)); // the server agrees

    toaster.lastUndoOffer().undo();

    assertThat(shown()).isEqualTo(new NotificationsPage(List.of(N1, N2), 2));
  }

  @Test
  void aComponentALaterWriteChangedIsThatWrites() {
    Mutation<String, String, Void> mark =
        undoableMark(page, (p, id) -> new NotificationsPage(markRead(p.rows(), id), p.unread() - 1));
    client.setQueryData(page, new NotificationsPage(List.of(N1, N2), 2));
    mark.mutate("n1");
    markServer.resolve("m-1");
    Notification n3 = new Notification("n3", false);
    client.setQueryData(page, new NotificationsPage(List.of(n3, N1_READ, N2), 2)); // n3 arrived since

    toaster.lastUndoOffer().undo();

    assertThat(shown()).isEqualTo(new NotificationsPage(List.of(n3, N1, N2), 2));
  }

  @Test
  void aMapInsideARecordIsUndoneEntryByEntry() {
    QueryKey<Settings> settings = QueryKey.of("settings");
    Mutation<String, String, Void> enable = undoableMark(settings, (s, flag) -> {
      Map<String, Boolean> flags = new java.util.HashMap<>(s.flags());
      flags.put(flag, true);
      return new Settings(Map.copyOf(flags), s.theme());
    });
    client.setQueryData(settings, new Settings(Map.of("beta", false, "sync", false), "light"));
    enable.mutate("beta");
    markServer.resolve("m-1");
    client.setQueryData(settings, new Settings(Map.of("beta", true, "sync", true), "dark")); // changed since

    toaster.lastUndoOffer().undo();

    assertThat(client.getQueryData(settings)).contains(new Settings(Map.of("beta", false, "sync", true), "dark"));
  }

  @Test
  void aRecordInsideARecordIsUndoneToo() {
    QueryKey<Screen> screenKey = QueryKey.of("screen");
    Mutation<String, String, Void> mark = undoableMark(screenKey,
        (s, id) -> new Screen(new NotificationsPage(markRead(s.page().rows(), id), s.page().unread()), s.title()));
    client.setQueryData(screenKey, new Screen(new NotificationsPage(List.of(N1, N2), 2), "Inbox"));
    mark.mutate("n1");
    markServer.resolve("m-1");
    client.setQueryData(screenKey, new Screen(new NotificationsPage(List.of(N1_READ, N2), 1), "Inbox (1)"));

    toaster.lastUndoOffer().undo();

    assertThat(client.getQueryData(screenKey))
        .contains(new Screen(new NotificationsPage(List.of(N1, N2), 1), "Inbox (1)"));
  }

  @Test
  void aRecordThatRefusesTheUndoneComponentsKeepsTheOldRule() {
    QueryKey<CheckedPage> checked = QueryKey.of("checked");
    Mutation<String, String, Void> mark =
        undoableMark(checked, (p, id) -> new CheckedPage(markRead(p.rows(), id), p.unread() - 1));
    client.setQueryData(checked, new CheckedPage(List.of(N1, N2), 2));
    mark.mutate("n1");
    markServer.resolve("m-1");
    CheckedPage later = new CheckedPage(List.of(N1_READ, new Notification("n2", true)), 0); // n2 read since
    client.setQueryData(checked, later);

    toaster.lastUndoOffer().undo();

    assertThat(client.getQueryData(checked))
        .as("n1 unread with a count of 0 is refused by the record: the data is the later write's")
        .contains(later);
  }
}
