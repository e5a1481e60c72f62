package dev.querycache.tests;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.Toaster;
import dev.querycache.UndoOffer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The README's quick start, runnable: a notifications screen against a pretend server with
 * 150 ms of latency. Run it with
 * {@code ./mvnw -q -pl query-cache-tests -am test-compile exec:java@quickstart}.
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
   * Runs the walkthrough and exits. The code between the blank-line-separated comments is the
   * README's quick start, line for line ({@code DocumentedCodeTest} keeps them the same).
   *
   * @param args ignored
   * @throws Exception if the walkthrough fails
   */
  public static void main(String[] args) throws Exception {
    Server server = new Server();
    // README, first block
    QueryClient client = QueryClient.builder()
        .toaster(new ConsoleToaster())                         // where error and undo toasts go
        .build();                                              // one client per application

    QueryKey<List<Notification>> key = QueryKey.of("notifications", "list");
    QueryOptions<List<Notification>> notifications = QueryOptions.builder(key)
        .fetcher(context -> server.notifications())            // blocking: runs on the fetch pool
        .staleTime(Duration.ofSeconds(30))                     // fresh for 30 s after a fetch
        .build();

    QueryObserver<List<Notification>> screen = client.observe(notifications,   // fetches: missing
        result -> System.out.println(result.status() + " " + result.fetchStatus() + " " + describe(result.data())));
    client.ensureQueryData(notifications).join();              // joins that fetch: one request
    // README, second block
    Mutation<Integer, Boolean, Void> markAsRead = client.mutation(server::markAsRead)
        .optimistic(key, (rows, id) -> markRead(rows, id))     // flips at once, rolls back on error
        .errorMessage("Failed to mark as read")                // the error toast
        .build();                                              // refetches the key when settled
    markAsRead.mutate(1).join();                               // the server accepts
    // (not in the README: let the refetch after the settle land, so the output reads in order)
    client.ensureQueryData(notifications).join();
    // README, third block
    markAsRead.mutate(2).exceptionally(error -> false).join(); // refused: rolled back, a toast
    client.invalidateQueries(QueryFilter.prefix("notifications"));   // every notifications query
    Optional<List<Notification>> cached = client.getQueryData(key);  // a miss is empty
    screen.close();                                            // unobserved: kept 5 min (gc time)
    // end of the README's blocks
    client.ensureQueryData(notifications).join();
    System.out.println("cached: " + cached.map(QuickStart::describe).orElse("(nothing)"));
    client.close();
  }

  /** Gives the list with row {@code id} read. */
  static List<Notification> markRead(List<Notification> rows, int id) {
    return rows.stream()
        .map(n -> n.id() == id ? new Notification(id, n.title(), true) : n)
        .collect(Collectors.toUnmodifiableList());
  }

  private static String describe(List<Notification> rows) {
    return rows == null ? "(no data)" : rows.stream()
        .map(n -> "#" + n.id() + (n.read() ? " read" : " unread"))
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
