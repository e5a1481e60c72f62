package dev.querycache.bench;

import java.util.Arrays;

/**
 * Runs a workload's rounds: some to warm the JIT up, then the measured ones, whose median is
 * the figure. The warm-up is a number of rounds and, past that, a time: a workload whose
 * rounds are short (W9: 10 000 inserts) is still being compiled after three of them (its
 * rounds went from 80 to 3 microseconds per insert over its first twenty), so it goes on
 * warming until the time is up, at most {@value #MAX_WARMUPS} rounds. Each round reports the nanoseconds of its own measured part, so set-up work
 * (building a cache to read from, say) is never counted. A full collection before each round
 * keeps one round's garbage from being collected on the next one's time.
 */
final class Rounds {
  /** One round of a workload. */
  @FunctionalInterface
  interface Round {
    /**
     * Runs the round.
     *
     * @return the nanoseconds its measured part took, read with {@link System#nanoTime()}
     */
    long run();
  }

  /** The most warm-up rounds, whatever the warm-up time. */
  static final int MAX_WARMUPS = 200;

  private final int warmups;
  private final int measured;
  private final long warmupNanos;

  /**
   * @param warmups rounds run and thrown away
   * @param measured rounds whose median counts; at least 5, as docs/benchmarks.md asks
   */
  Rounds(int warmups, int measured) {
    this(warmups, measured, 0);
  }

  /**
   * @param warmups rounds run and thrown away, at least
   * @param measured rounds whose median counts; at least 5, as docs/benchmarks.md asks
   * @param warmupNanos how long the warm-up lasts at least (set-up included), in rounds of
   *     the workload
   */
  Rounds(int warmups, int measured, long warmupNanos) {
    if (warmups < 0) {
      throw new IllegalArgumentException("warmups must not be negative, was " + warmups);
    }
    if (warmupNanos < 0) {
      throw new IllegalArgumentException("warmupNanos must not be negative, was " + warmupNanos);
    }
    if (measured < 5) {
      throw new IllegalArgumentException("measured must be at least 5, was " + measured);
    }
    this.warmups = warmups;
    this.measured = measured;
    this.warmupNanos = warmupNanos;
  }

  /** The median over the measured rounds of nanoseconds per operation. */
  double nanosPerOp(long opsPerRound, Round round) {
    long warmupStart = System.nanoTime();
    for (int i = 0; i < MAX_WARMUPS && (i < warmups || System.nanoTime() - warmupStart < warmupNanos); i++) {
      System.gc();
      round.run();
    }
    double[] perOp = new double[measured];
    for (int i = 0; i < measured; i++) {
      System.gc();
      perOp[i] = (double) round.run() / opsPerRound;
    }
    Arrays.sort(perOp);
    return measured % 2 == 1
        ? perOp[measured / 2]
        : (perOp[measured / 2 - 1] + perOp[measured / 2]) / 2;
  }
}
