package dev.querycache.bench.jmh;

import dev.querycache.QueryKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of a structured key: building {@code QueryKey.of("plugin-42", "item",
 * Map.of("id", 4242, "page", 6))} anew (the shape of the workloads' {@code K(i)}), and its
 * {@code hashCode} and {@code equals} against an equal key built separately; beside each, the
 * same with the plain JDK collections {@code List.of("plugin-42", "item", Map.of(...))} as the
 * baseline.
 *
 * <p>Why it matters: UI code builds a key anew for nearly every call into the client
 * ({@code getQueryData(keys.item(id))}), so building, hashing and comparing a key is paid on
 * every read and write. A {@code QueryKey} canonicalises and copies its parts at construction
 * and computes its hash once; the plain collections copy little but hash and compare the
 * whole tree every time. The {@code *BuildHashEquals} pair is what a map lookup does with a
 * fresh key: build, hash, compare with the stored equal key.
 *
 * <p>The string parts are held in fields, so string concatenation is not measured; the
 * integers are boxed anew (4242 is outside the {@code Integer} cache) in both variants. Built
 * keys are handed to the blackhole so that escape analysis cannot remove either variant's
 * allocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class KeyBenchmark {
  /** JMH instantiates the benchmark state. */
  public KeyBenchmark() {}

  // Not final, so the JIT cannot fold the parts into constants.
  private String family = "plugin-42";
  private String kind = "item";
  private int id = 4242;
  private int page = 4242 % 7;

  private QueryKey<Integer> held;
  private QueryKey<Integer> heldTwin;
  private List<Object> plain;
  private List<Object> plainTwin;

  /** Builds the held keys, each pair equal but built separately. */
  @Setup
  public void setUp() {
    held = key();
    heldTwin = key();
    plain = plainKey();
    plainTwin = plainKey();
    if (held == heldTwin || !held.equals(heldTwin) || held.hashCode() != heldTwin.hashCode()) {
      throw new IllegalStateException("the twin keys must be equal and distinct");
    }
    if (plain == plainTwin || !plain.equals(plainTwin)) {
      throw new IllegalStateException("the twin plain keys must be equal and distinct");
    }
  }

  private QueryKey<Integer> key() {
    return QueryKey.of(family, kind, Map.of("id", id, "page", page));
  }

  private List<Object> plainKey() {
    return List.of(family, kind, Map.of("id", id, "page", page));
  }

  /**
   * Builds a key anew.
   *
   * @param bh takes the key
   */
  @Benchmark
  public void keyBuild(Blackhole bh) {
    bh.consume(key());
  }

  /**
   * Hashes a held key (computed once, at construction).
   *
   * @param bh takes the hash
   */
  @Benchmark
  public void keyHashCode(Blackhole bh) {
    bh.consume(held.hashCode());
  }

  /**
   * Compares a held key with an equal key built separately.
   *
   * @param bh takes the answer
   */
  @Benchmark
  public void keyEquals(Blackhole bh) {
    bh.consume(held.equals(heldTwin));
  }

  /**
   * Builds a key anew, hashes it and compares it with an equal held key, as a lookup does.
   *
   * @param bh takes the key, its hash and the answer
   */
  @Benchmark
  public void keyBuildHashEquals(Blackhole bh) {
    QueryKey<Integer> fresh = key();
    bh.consume(fresh.hashCode());
    bh.consume(fresh.equals(held));
    bh.consume(fresh);
  }

  /**
   * Baseline: builds the plain JDK key anew.
   *
   * @param bh takes the key
   */
  @Benchmark
  public void plainBuild(Blackhole bh) {
    bh.consume(plainKey());
  }

  /**
   * Baseline: hashes a held plain key (computed over the whole tree on every call).
   *
   * @param bh takes the hash
   */
  @Benchmark
  public void plainHashCode(Blackhole bh) {
    bh.consume(plain.hashCode());
  }

  /**
   * Baseline: compares a held plain key with an equal one built separately.
   *
   * @param bh takes the answer
   */
  @Benchmark
  public void plainEquals(Blackhole bh) {
    bh.consume(plain.equals(plainTwin));
  }

  /**
   * Baseline: builds a plain key anew, hashes it and compares it with an equal held one.
   *
   * @param bh takes the key, its hash and the answer
   */
  @Benchmark
  public void plainBuildHashEquals(Blackhole bh) {
    List<Object> fresh = plainKey();
    bh.consume(fresh.hashCode());
    bh.consume(fresh.equals(plain));
    bh.consume(fresh);
  }
}
