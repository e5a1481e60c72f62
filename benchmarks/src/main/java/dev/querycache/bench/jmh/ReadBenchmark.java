package dev.querycache.bench.jmh;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.bench.Keys;
import java.util.SplittableRandom;
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
 * {@code getQueryData} of an existing query on a client holding {@code n} queries keyed
 * {@code K(i) = ["plugin-" + (i % F), "item", {"id": i, "page": i % 7}]} with
 * {@code F = n / 100}, each holding {@code Integer i}: once with the keys built beforehand and
 * held, once with each key built anew for the call, as UI code does. The queries read are
 * picked at random (a fixed seed, 65 536 picks cycled), so the figure includes the cache misses
 * of a large map; the difference between the two methods is the cost of building the key
 * (including the {@code "plugin-" + f} concatenation) and of the lookup not finding the stored
 * key by identity.
 *
 * <p>Why it matters: reads are the most frequent call a UI makes into the cache (every render
 * of every view), so they must stay close to a plain {@code HashMap} lookup. Compare with
 * {@link KeyBenchmark} for the part of the fresh-key figure that is the key itself, and with
 * the harness's W2, W2b and W2base.
 *
 * <p>Every read must hit: a miss (for example if the queries expired after the default gc time
 * of five minutes) throws rather than measure an empty lookup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class ReadBenchmark {
  /** JMH instantiates the benchmark state. */
  public ReadBenchmark() {}

  private static final int PICKS = 1 << 16;

  /** The number of queries in the cache: a positive multiple of 100. */
  @Param({"10000", "100000"})
  public int n;

  private Keys keys;
  private QueryClient client;
  private QueryKey<Integer>[] held;
  private int[] picks;
  private int cursor;

  /** Builds the client and writes the {@code n} queries. */
  @Setup
  public void setUp() {
    keys = new Keys(n);
    client = Keys.newClient();
    held = keys.populate(client);
    picks = new SplittableRandom(42).ints(PICKS, 0, n).toArray();
  }

  /** Closes the client. */
  @TearDown
  public void tearDown() {
    client.close();
  }

  private int next() {
    return picks[cursor++ & (PICKS - 1)];
  }

  /**
   * Reads a query by a key built beforehand.
   *
   * @param bh takes the data
   */
  @Benchmark
  public void heldKey(Blackhole bh) {
    bh.consume(client.getQueryData(held[next()]).orElseThrow());
  }

  /**
   * Reads a query by a key built anew for the call.
   *
   * @param bh takes the data
   */
  @Benchmark
  public void freshKey(Blackhole bh) {
    bh.consume(client.getQueryData(keys.key(next())).orElseThrow());
  }
}
