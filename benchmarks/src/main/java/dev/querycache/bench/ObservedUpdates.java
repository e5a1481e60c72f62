package dev.querycache.bench;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QuerySettings;
import java.util.ArrayList;
import java.util.List;

/**
 * W4: keys each observed by one subscribed observer; {@code updateQueryData(key, v -> v + 1)}
 * round-robin over the keys. Notification is synchronous, so every update is delivered before
 * the call returns. W4e is the same work with a query event listener open, as a devtools
 * timeline has ({@code onQueryEvent}): what the event stream costs when on.
 */
final class ObservedUpdates {
  private ObservedUpdates() {}

  static Line run(int keyCount, int updates, Rounds rounds) {
    return run(keyCount, updates, rounds, false);
  }

  static Line run(int keyCount, int updates, Rounds rounds, boolean withEventListener) {
    QueryClient client = Keys.newClient();
    long[] events = new long[1];
    if (withEventListener) {
      client.onQueryEvent(event -> events[0]++);
    }
    @SuppressWarnings("unchecked")
    QueryKey<Integer>[] keys = (QueryKey<Integer>[]) new QueryKey<?>[keyCount];
    long[] notified = new long[1];
    List<QueryObserver<Integer>> observers = new ArrayList<>();
    for (int i = 0; i < keyCount; i++) {
      keys[i] = QueryKey.of("counter", i);
      client.setQueryData(keys[i], 0);
      observers.add(
          client.observe(
              QueryOptions.builder(keys[i]).staleTime(QuerySettings.FOREVER).build(),
              result -> notified[0]++));
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
    Line line = new Line(withEventListener ? "W4e" : "W4", keyCount).with("ops", updates).with("ns_per_op", nanos)
        .with("notified", lastRound[0]);
    if (withEventListener) {
      return line.with("events", events[0])
          .with("note", "W4 with a query event listener open (a devtools timeline)");
    }
    return line.with("note", "ns per updateQueryData with one observer per key, synchronous notification");
  }
}
