package dev.querycache.examples;

import dev.querycache.collection.QueryCollection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Waits, without sleeping, until a collection's rows satisfy a condition: for the tests that
 * run against the real server, where rows arrive over HTTP and the event stream in real time.
 */
public final class AwaitRows {
  private AwaitRows() {}

  /**
   * The rows of {@code collection} once {@code condition} holds for them: at once if it holds
   * now, else at the first change after which it does.
   *
   * @throws java.util.concurrent.TimeoutException if it does not hold within {@code timeout}
   */
  public static <K, R> List<R> until(QueryCollection<K, R> collection, Predicate<List<R>> condition, Duration timeout)
      throws Exception {
    CompletableFuture<List<R>> met = new CompletableFuture<>();
    try (AutoCloseable listening = collection.onChange(changes -> {
      List<R> rows = collection.rows();
      if (condition.test(rows)) {
        met.complete(rows);
      }
    })) {
      List<R> rows = collection.rows(); // after the listener: a change in between is not missed
      return condition.test(rows) ? rows : met.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
