package dev.querycache.bench;

import dev.querycache.Mutation;
import dev.querycache.Projection;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * W5: one query holds a list of rows {@code {id, read:false}}; mark-as-read mutations run one
 * after another, each: cancel the key, snapshot, patch row {@code i % rows} to read (a new
 * list), a server function that succeeds at once, invalidate the key on settle; each is
 * awaited. The projection's own cost (copying the list) is measured apart and reported beside.
 */
final class OptimisticCycle {
  /** A row of the list. */
  record Row(int id, boolean read) {}

  private static final Projection<List<Row>, Integer> MARK_READ =
      (rows, id) -> {
        Row[] copy = rows.toArray(new Row[0]);
        copy[id] = new Row(id, true);
        return List.of(copy);
      };

  private OptimisticCycle() {}

  static Line run(int rowCount, int mutations, Rounds rounds) {
    List<Row> initial = new ArrayList<>(rowCount);
    for (int id = 0; id < rowCount; id++) {
      initial.add(new Row(id, false));
    }
    List<Row> start = List.copyOf(initial);
    QueryKey<List<Row>> key = QueryKey.of("notifications");

    QueryClient client = Keys.newClient();
    Mutation<Integer, Integer, Void> markAsRead =
        client
            .asyncMutation((Integer id) -> CompletableFuture.completedFuture(id))
            .optimistic(key, MARK_READ)
            .errorMessage("Could not mark the notification as read")
            .build();
    double cycle =
        rounds.nanosPerOp(
            mutations,
            () -> {
              client.setQueryData(key, start);
              long begin = System.nanoTime();
              for (int i = 0; i < mutations; i++) {
                markAsRead.mutate(i % rowCount).join();
              }
              return System.nanoTime() - begin;
            });
    List<Row> last = client.getQueryData(key).orElseThrow();
    client.close();
    if (last.stream().filter(Row::read).count() != Math.min(rowCount, mutations)) {
      throw new IllegalStateException("W5 ended with the wrong rows read");
    }

    double projection =
        rounds.nanosPerOp(
            mutations,
            () -> {
              List<Row> rows = start;
              long begin = System.nanoTime();
              for (int i = 0; i < mutations; i++) {
                rows = MARK_READ.apply(rows, i % rowCount);
              }
              long elapsed = System.nanoTime() - begin;
              Sink.consume(rows.size());
              return elapsed;
            });
    return new Line("W5", mutations).with("ops", mutations).with("ns_per_op", cycle)
        .with("rows", rowCount)
        .with("projection_ns", projection)
        .with("overhead_ns", cycle - projection)
        .with("note", "ns per awaited optimistic mutation; overhead_ns = ns_per_op - projection_ns");
  }
}
