package dev.querycache.tests;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.Toaster;
import dev.querycache.UndoOffer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The README's quick start, runnable: a notifications screen against a pretend server with
 * 150 ms of latency. Run it with {@code ./mvnw -q -pl query-cache test-compile exec:java@quickstart}.
 * It prints every result the screen's observer receives and every toast: the load, an
 * optimistic mark-as-read the server accepts, one it refuses (and the rollback), and the
 * refetches that reconcile the cache with the server.
 */
public final class QuickStart {
  /** A notification row. */
  public record Notification(int id, String title, boolean read) {}

  /** The pretend server: a map of rows behind slow calls; it refuses to touch row 2. */
  static final class Server {
    private final Map<Integer, Notification> rows = new ConcurrentHashMap<>(Map.of(
        1, new Notification(1, "Build finished", false),
        2, new Notification(2, "Review requested", false)));

    List<Notification> notifications() throws InterruptedException {
      TimeUnit.MILLISECONDS.sleep(150); // the network
      return rows.values().stream().sorted((a, b) -> a.id() - b.id()).collect(Collectors.toUnmodifiableList());
    }

    boolean markAsRead(int id) throws Exception {
      TimeUnit.MILLISECONDS.sleep(150);
      if (id == 2) {
        throw new IOException("notification 2 is locked");
      }
      rows.computeIfPresent(id, (k, n) -> new Notification(n.id(), n.title(), true));
      return true;
    }
  }

  /** Prints toasts instead of showing them. */
  static final class ConsoleToaster implements Toaster {
    @Override
    public void success(String message) {
      System.out.println("toast:  " + message);
    }

    @Override
    public void error(String message, Throwable cause) {
      System.out.println("toast:  " + message + " (" + cause.getMessage() + ")");
    }

    @Override
    public void undo(String message, UndoOffer offer) {
      System.out.println("toast:  " + message + " [Undo]");
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
    try (QueryClient client = QueryClient.builder().toaster(new ConsoleToaster()).build()) {
      QueryKey<List<Notification>> key =
          QueryKey.of(List.of("notification", "getNotifications"), Map.of("input", Map.of("limit", 20), "type", "query"));
      QueryOptions<List<Notification>> notifications =
          QueryOptions.builder(key).fetcher(ctx -> server.notifications()).staleTime(Duration.ofSeconds(30)).build();
      Mutation<Integer, Boolean, Void> markAsRead = client.mutation(server::markAsRead)
          .optimistic(key, (rows, id) -> rows.stream()
              .map(n -> n.id() == id ? new Notification(id, n.title(), true) : n)
              .collect(Collectors.toUnmodifiableList()))
          .errorMessage("Failed to mark as read")
          .build();

      CountDownLatch loaded = new CountDownLatch(1);
      try (QueryObserver<List<Notification>> screen =
          client.observe(notifications, result -> {
            System.out.printf("screen: %-7s %-8s layers=%d %s%n", result.status(), result.fetchStatus(),
                result.state().optimisticLayers(), describe(result.data()));
            if (result.isSuccess()) {
              loaded.countDown();
            }
          })) {
        loaded.await(5, TimeUnit.SECONDS);

        System.out.println("-- the user marks #1 as read: it flips at once; the server accepts");
        markAsRead.mutate(1).handle((ok, error) -> null).get(5, TimeUnit.SECONDS);

        System.out.println("-- the user marks #2 as read: it flips at once; the server refuses");
        markAsRead.mutate(2).handle((ok, error) -> null).get(5, TimeUnit.SECONDS);

        System.out.println("cached: " + describe(client.getQueryData(key).orElse(List.of()))
            + ", stale=" + screen.result().isStale());
      }
    }
  }

  private static String describe(List<Notification> rows) {
    return rows == null ? "(no data)" : rows.stream()
        .map(n -> "#" + n.id() + (n.read() ? " read" : " unread"))
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
