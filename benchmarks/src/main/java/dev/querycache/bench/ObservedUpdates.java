package dev.querycache.bench;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QuerySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * W4: keys each observed by one subscribed observer; {@code updateQueryData(key, v -> v + 1)}
 * round-robin over the keys. Notification is synchronous, so every update is delivered before
 * the call returns. W4e is the same work with a query event listener open, as a devtools
 * timeline has ({@code onQueryEvent}): what the event stream costs when on. W4s is the same
 * work with each observer selecting {@code v / 2} (TanStack's {@code select}): the projection
 * runs once per update, and every other update gives an equal projection.
 */
final class ObservedUpdates {
  /** Which W4. */
  enum Variant {
    PLAIN("W4"),
    EVENT_LISTENER("W4e"),
    SELECT("W4s");

    final String id;

    Variant(String id) {
      this.id = id;
    }
  }

  private ObservedUpdates() {}

  static Line run(int keyCount, int updates, Rounds rounds) {
    return run(keyCount, updates, rounds, Variant.PLAIN);
  }

  static Line run(int keyCount, int updates, Rounds rounds, Variant variant) {
    boolean withEventListener = variant == Variant.EVENT_LISTENER;
    QueryClient client = Keys.newClient();
    long[] events = new long[1];
    if (withEventListener) {
      client.onQueryEvent(event -> events[0]++);
    }
    @SuppressWarnings("unchecked")
    QueryKey<Integer>[] keys = (QueryKey<Integer>[]) new QueryKey<?>[keyCount];
    long[] notified = new long[1];
    long[] selected = new long[1];
    Function<Integer, Integer> half = v -> {
      selected[0]++;
      return v / 2;
    };
    List<QueryObserver<Integer>> observers = new ArrayList<>();
    for (int i = 0; i < keyCount; i++) {
      keys[i] = QueryKey.of("counter", i);
      client.setQueryData(keys[i], 0);
      QueryOptions<Integer> options = QueryOptions.builder(keys[i]).staleTime(QuerySettings.FOREVER).build();
      observers.add(variant == Variant.SELECT
          ? client.observe(options, half, result -> notified[0]++)
          : client.observe(options, result -> notified[0]++));
    }
    long[] lastRound = new long[1];
    double nanos =
        rounds.nanosPerOp(
            updates,
            () -> {
              long before = notified[0];
              long start = System.nanoTime();
              for (int u = 0; u < updates; u++) {
                client.updateQueryData(keys[u % keyCount], v -> v + 1);
              }
              long elapsed = System.nanoTime() - start;
              lastRound[0] = notified[0] - before;
              return elapsed;
            });
    observers.forEach(QueryObserver::close);
    client.close();
    Line line = new Line(variant.id, keyCount).with("ops", updates).with("ns_per_op", nanos)
        .with("notified", lastRound[0]);
    if (withEventListener) {
      return line.with("events", events[0])
          .with("note", "W4 with a query event listener open (a devtools timeline)");
    }
    if (variant == Variant.SELECT) {
      return line.with("select_runs", selected[0])
          .with("note", "W4 with each observer selecting v / 2 (memoized per data, structurally shared)");
    }
    return line.with("note", "ns per updateQueryData with one observer per key, synchronous notification");
  }
}
