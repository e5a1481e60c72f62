package dev.querycache.bench.jmh;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.bench.Keys;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QuerySettings;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
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
 * {@code updateQueryData(key, v -> v + 1)} round-robin over {@code keys} queries
 * {@code ["counter", i]}, each observed by one subscribed observer built with
 * {@code QueryOptions.builder(key).staleTime(QuerySettings.FOREVER)} (no fetcher, so nothing
 * fetches). The client notifies synchronously ({@code notifyExecutor(Runnable::run)}), so each
 * measured call includes computing the observer's new result and delivering it to the
 * listener, which only counts it. The same as the harness's W4.
 *
 * <p>Why it matters: this is the path of every live change a UI sees (a pushed event, an
 * optimistic patch, a counter ticking): write, build the observer's result, notify. Its cost
 * bounds how many updates per second a screen full of observed queries can absorb.
 *
 * <p>The trial's tear-down checks that every update reached its listener.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class ObservedUpdateBenchmark {
  /** JMH instantiates the benchmark state. */
  public ObservedUpdateBenchmark() {}

  private static final UnaryOperator<Integer> INCREMENT = v -> v + 1;

  /** The number of observed queries the updates go round. */
  @Param({"1000"})
  public int keys;

  private QueryClient client;
  private QueryKey<Integer>[] keyArray;
  private QueryObserver<?>[] observers;
  private int next;
  private long updates;
  private long notified;

  /** Builds the client, writes the queries and subscribes one observer to each. */
  @Setup
  public void setUp() {
    if (keys < 1) {
      throw new IllegalArgumentException("keys must be positive, was " + keys);
    }
    client = Keys.newClient();
    @SuppressWarnings("unchecked")
    QueryKey<Integer>[] built = (QueryKey<Integer>[]) new QueryKey<?>[keys];
    keyArray = built;
    observers = new QueryObserver<?>[keys];
    for (int i = 0; i < keys; i++) {
      keyArray[i] = QueryKey.of("counter", i);
      client.setQueryData(keyArray[i], 0);
      observers[i] =
          client.observe(
              QueryOptions.builder(keyArray[i]).staleTime(QuerySettings.FOREVER).build(),
              this::onResult);
    }
    notified = 0;
    updates = 0;
  }

  private void onResult(QueryResult<Integer> result) {
    notified++;
  }

  /** Checks that every update was delivered, then closes the observers and the client. */
  @TearDown
  public void tearDown() {
    for (QueryObserver<?> observer : observers) {
      observer.close();
    }
    client.close();
    if (notified < updates) {
      throw new IllegalStateException(
          "only " + notified + " notifications for " + updates + " updates");
    }
  }

  /**
   * Increments the next observed query.
   *
   * @param bh takes the new data
   */
  @Benchmark
  public void update(Blackhole bh) {
    QueryKey<Integer> key = keyArray[next];
    if (++next == keys) {
      next = 0;
    }
    updates++;
    bh.consume(client.updateQueryData(key, INCREMENT));
  }
}
