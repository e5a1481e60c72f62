package dev.querycache.examples;

import dev.querycache.QueryResult;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An observer's listener that prints what a screen sees, one line per transition, named for
 * what happened: {@code loading}, {@code loaded}, {@code optimistic} (a mutation's patch
 * appeared), {@code rolled back} (a failed mutation's patch was removed), {@code refetching},
 * {@code refetched} (server data landed, folding in the patches it confirms), {@code retrying},
 * {@code fetch failed}, {@code cancelled}, {@code updated}. Transitions a screen would not
 * show (staleness, invalidation marks) print nothing.
 *
 * @param <T> the type of the data
 */
final class TransitionPrinter<T> implements Consumer<QueryResult<T>> {
  private final String screen;
  private final Function<? super T, String> describe;
  private final PrintStream out;
  private @Nullable QueryResult<T> previous;

  TransitionPrinter(String screen, Function<? super T, String> describe, PrintStream out) {
    this.screen = Objects.requireNonNull(screen, "screen == null");
    this.describe = Objects.requireNonNull(describe, "describe == null");
    this.out = Objects.requireNonNull(out, "out == null");
  }

  @Override
  public synchronized void accept(QueryResult<T> result) {
    QueryResult<T> before = previous;
    previous = result;
    String label = label(before, result);
    if (label != null) {
      out.println(ConsoleLine.of(screen, label, detail(label, result)));
    }
  }

  /** What happened between two results, or null if nothing a screen would show. */
  static <T> @Nullable String label(@Nullable QueryResult<T> before, QueryResult<T> now) {
    if (before == null) {
      return now.data() != null ? "cached" : now.isFetching() ? "loading" : null;
    }
    int layersBefore = before.state().optimisticLayers();
    int layersNow = now.state().optimisticLayers();
    boolean landed = now.dataUpdatedAt() != before.dataUpdatedAt() || now.state().dataUpdateCount() != before.state().dataUpdateCount();
    if (layersNow > layersBefore) {
      return "optimistic";
    }
    if (layersNow < layersBefore) {
      return landed ? "refetched" : "rolled back";
    }
    if (!before.isFetching() && now.isFetching()) {
      return before.data() == null ? "loading" : "refetching";
    }
    if (before.isFetching() && now.isFetching() && now.failureCount() > before.failureCount()) {
      return "retrying";
    }
    if (before.isFetching() && !now.isFetching()) {
      if (landed) {
        return before.data() == null ? "loaded" : "refetched";
      }
      if (now.state().errorUpdateCount() != before.state().errorUpdateCount()) {
        return "fetch failed";
      }
      return "cancelled";
    }
    if (landed || !Objects.equals(now.data(), before.data())) {
      return "updated";
    }
    return null;
  }

  private String detail(String label, QueryResult<T> result) {
    switch (label) {
      case "loading":
        return "(no data yet)";
      case "refetching":
        return "(still showing the cached data)";
      case "retrying":
        return "attempt " + result.failureCount() + " failed: " + messageOf(result.failureReason());
      case "fetch failed":
        return messageOf(result.error()) + " (still showing the cached data)";
      case "cancelled":
        return "(the fetch was cancelled)";
      default:
        T data = result.data();
        String shown = data == null ? "(no data)" : describe.apply(data);
        int layers = result.state().optimisticLayers();
        String pending = layers == 0 ? "" : "  (" + layers + " pending)";
        return shown + pending + (result.isFetching() ? "  (refetching)" : "");
    }
  }

  private static String messageOf(@Nullable Throwable error) {
    return error == null ? "unknown error" : ConsoleLine.messageOf(error);
  }
}
