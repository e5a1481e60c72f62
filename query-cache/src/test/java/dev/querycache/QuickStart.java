package dev.querycache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The README's quick start, runnable: a notifications screen against a pretend server with
 * 150 ms of latency. Run it with {@code ./mvnw -q -pl query-cache test-compile exec:java}.
 * It prints every result the screen's observer receives.
 */
public final class QuickStart {
  /** A notification row. */
  public record Notification(int id, String title, boolean read) {}

  /** The pretend server: a map of rows behind a slow call. */
  static final class Server {
    private final Map<Integer, Notification> rows = new ConcurrentHashMap<>(Map.of(
        1, new Notification(1, "Build finished", false),
        2, new Notification(2, "Review requested", false)));

    List<Notification> notifications() throws InterruptedException {
      TimeUnit.MILLISECONDS.sleep(150); // the network
      return rows.values().stream().sorted((a, b) -> a.id() - b.id()).collect(Collectors.toUnmodifiableList());
    }

    void markAsRead(int id) {
      rows.computeIfPresent(id, (k, n) -> new Notification(n.id(), n.title(), true));
    }
  }

  private QuickStart() {}

  /**
   * Runs the walkthrough and exits.
   *
   * @param args ignored
   * @throws Exception if the walkthrough fails
   */
  public static void main(String[] args) throws Exception {
    Server server = new Server();
    try (QueryClient client = QueryClient.create()) {
      QueryKey<List<Notification>> key =
          QueryKey.of(List.of("notification", "getNotifications"), Map.of("input", Map.of("limit", 20), "type", "query"));
      QueryOptions<List<Notification>> notifications =
          QueryOptions.builder(key).fetcher(ctx -> server.notifications()).staleTime(Duration.ofSeconds(30)).build();

      CountDownLatch loaded = new CountDownLatch(1);
      try (QueryObserver<List<Notification>> screen =
          client.observe(notifications, result -> {
            System.out.printf("screen: %-7s %-8s stale=%-5s %s%n",
                result.status(), result.fetchStatus(), result.isStale(), unread(result.data()));
            if (result.isSuccess()) {
              loaded.countDown();
            }
          })) {
        loaded.await(5, TimeUnit.SECONDS);

        System.out.println("-- the user marks #1 as read: patch the cache, then tell the server");
        client.updateQueryData(key, rows -> rows == null ? null : rows.stream()
            .map(n -> n.id() == 1 ? new Notification(1, n.title(), true) : n)
            .collect(Collectors.toUnmodifiableList()));
        server.markAsRead(1);

        System.out.println("-- reconcile with the server: invalidate everything under [[\"notification\"]]");
        client.invalidateQueries(QueryFilter.prefix(QueryKey.of(List.of("notification")))).get(5, TimeUnit.SECONDS);
        System.out.println("cached: " + unread(client.getQueryData(key).orElse(List.of())));
        System.out.println("the screen's last result: " + screen.result().status() + ", stale=" + screen.result().isStale());
        System.out.println("queries in cache: " + client.getQueries(QueryFilter.all()));
      }
    }
  }

  private static String unread(List<Notification> rows) {
    return rows == null ? "(no data)" : rows.stream()
        .map(n -> "#" + n.id() + (n.read() ? " read" : " unread"))
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
