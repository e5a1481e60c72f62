package dev.querycache.bench.jmh;

import dev.querycache.Mutation;
import dev.querycache.Projection;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.bench.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One awaited optimistic mutation cycle, as the harness's W5: a query
 * {@code ["notifications"]} holds an immutable list of {@code rows} rows {@code {id, read}};
 * a mark-as-read mutation built with
 * {@code client.asyncMutation(...).optimistic(key, MARK_READ).errorMessage("...").build()}
 * runs with {@code mutate(id).join()}: cancel the key, snapshot its data, patch row
 * {@code id % rows} to read (the projection copies the list), call a server function that
 * succeeds at once, and on settling invalidate the key (nothing observes it, so nothing
 * refetches). The rows are marked in turn; once all are read the patch still builds a new
 * list, so later cycles cost the same.
 *
 * <p>{@link #projectionOnly} measures the projection alone on the same list, so that the
 * library's own overhead per cycle is {@code cycle - projectionOnly}.
 *
 * <p>Why it matters: optimistic mutations are how a UI stays responsive to the user's own
 * actions; the library's bookkeeping (snapshot, layer, rollback state, settle, invalidate,
 * mutation cache) is paid on every click and should be small beside the projection the
 * application supplies.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class OptimisticMutationBenchmark {
  /** JMH instantiates the benchmark state. */
  public OptimisticMutationBenchmark() {}

  /** A row of the list. */
  private record Row(int id, boolean read) {}

  private static final Projection<List<Row>, Integer> MARK_READ =
      (rows, id) -> {
        Row[] copy = rows.toArray(new Row[0]);
        copy[id] = new Row(id, true);
        return List.of(copy);
      };

  /** The number of rows in the list. */
  @Param({"1000"})
  public int rows;

  private final QueryKey<List<Row>> key = QueryKey.of("notifications");
  private List<Row> start;
  private QueryClient client;
  private Mutation<Integer, Integer, Void> markAsRead;
  private int next;
  private long cycles;

  /** Builds the list, the client holding it and the mutation. */
  @Setup
  public void setUp() {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be positive, was " + rows);
    }
    List<Row> initial = new ArrayList<>(rows);
    for (int id = 0; id < rows; id++) {
      initial.add(new Row(id, false));
    }
    start = List.copyOf(initial);
    client = Keys.newClient();
    client.setQueryData(key, start);
    markAsRead =
        client
            .asyncMutation((Integer id) -> CompletableFuture.completedFuture(id))
            .optimistic(key, MARK_READ)
            .errorMessage("Could not mark the notification as read")
            .build();
    next = 0;
    cycles = 0;
  }

  /** Checks that the mutations, if any ran, patched the list, then closes the client. */
  @TearDown
  public void tearDown() {
    List<Row> last = client.getQueryData(key).orElseThrow();
    client.close();
    if (cycles > 0 && (last.size() != rows || !last.get(0).read())) {
      throw new IllegalStateException("the mutations did not mark the rows read");
    }
  }

  private int nextId() {
    int id = next;
    if (++next == rows) {
      next = 0;
    }
    return id;
  }

  /**
   * One awaited optimistic mark-as-read mutation.
   *
   * @param bh takes the mutation's result
   */
  @Benchmark
  public void cycle(Blackhole bh) {
    cycles++;
    bh.consume(markAsRead.mutate(nextId()).join());
  }

  /**
   * Baseline: the projection alone, applied to the initial list.
   *
   * @param bh takes the patched list
   */
  @Benchmark
  public void projectionOnly(Blackhole bh) {
    bh.consume(MARK_READ.apply(start, nextId()));
  }
}
