package dev.querycache.bench.jmh;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.bench.Keys;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * {@code invalidateQueries(QueryFilter.prefix("plugin-" + f))} on a client holding {@code n}
 * unobserved queries keyed {@code K(i) = ["plugin-" + (i % F), "item", {"id": i, "page": i % 7}]}
 * with {@code F = n / 100}, so that each call selects exactly 100 of the {@code n} queries and
 * marks them invalid; nothing refetches, since nothing observes them. The family {@code f} is
 * picked at random (fixed seed) for each call. The measured time includes building the filter
 * (the string concatenation and the prefix key), as a caller's does.
 *
 * <p>Why it matters: invalidating a family after a mutation is the library's main write path
 * across many queries; it must cost in proportion to the queries it selects (100 here), not
 * to the size of the cache, which is why {@code n} spans 10 000 to 1 000 000.
 *
 * <p>What is measured, exactly: each call invalidates 100 <em>valid</em> queries. Invalidating
 * a query that is already invalid is cheaper, so after every invocation a
 * {@code @TearDown(Level.Invocation)} writes the family's 100 queries back with
 * {@code setQueryData} (writing data clears the invalid mark), and checks that the call did
 * mark all 100 invalid and that the write-back cleared the mark. That work is outside the
 * measured time. As JMH warns for {@link Level#Invocation}, each call is timed on its own, so
 * the figure carries the timer's overhead (some tens of nanoseconds) and should be read as a
 * figure in microseconds, not compared with sub-microsecond benchmarks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class InvalidateBenchmark {
  /** JMH instantiates the benchmark state. */
  public InvalidateBenchmark() {}

  /** The number of queries in the cache: a positive multiple of 100. */
  @Param({"10000", "1000000"})
  public int n;

  private Keys keys;
  private int families;
  private QueryClient client;
  private QueryKey<Integer>[] held;
  private final SplittableRandom random = new SplittableRandom(7);
  private int family;

  /** Builds the client and writes the {@code n} queries. */
  @Setup(Level.Trial)
  public void setUp() {
    keys = new Keys(n);
    families = keys.families();
    client = Keys.newClient();
    held = keys.populate(client);
  }

  /** Closes the client. */
  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
  }

  /** Picks the family the next call invalidates. */
  @Setup(Level.Invocation)
  public void pickFamily() {
    family = random.nextInt(families);
  }

  /**
   * Writes the family just invalidated back, so that it is valid for the next call that
   * picks it, and checks that the call marked it invalid and the write cleared the mark.
   */
  @TearDown(Level.Invocation)
  public void revalidateFamily() {
    int invalid = 0;
    for (int i = family; i < n; i += families) {
      if (client.getQueryState(held[i]).orElseThrow().isInvalidated()) {
        invalid++;
      }
      client.setQueryData(held[i], i);
    }
    if (invalid != 100) {
      throw new IllegalStateException(
          "invalidateQueries marked " + invalid + " of family " + family + " invalid, not 100");
    }
    if (client.getQueryState(held[family]).orElseThrow().isInvalidated()) {
      throw new IllegalStateException("setQueryData did not clear the invalid mark of " + held[family]);
    }
  }

  /**
   * Invalidates the 100 valid queries of one family.
   *
   * @param bh takes the future of the (absent) refetches
   */
  @Benchmark
  public void invalidateFamily(Blackhole bh) {
    bh.consume(client.invalidateQueries(keys.family(family)));
  }
}
