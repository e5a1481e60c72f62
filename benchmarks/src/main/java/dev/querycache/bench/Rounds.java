package dev.querycache.bench;

import java.util.Arrays;

/**
 * Runs a workload's rounds: some to warm the JIT up, then the measured ones, whose median is
 * the figure. Each round reports the nanoseconds of its own measured part, so set-up work
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

  private final int warmups;
  private final int measured;

  /**
   * @param warmups rounds run and thrown away
   * @param measured rounds whose median counts; at least 5, as docs/benchmarks.md asks
   */
  Rounds(int warmups, int measured) {
    if (warmups < 0) {
      throw new IllegalArgumentException("warmups must not be negative, was " + warmups);
    }
    if (measured < 5) {
      throw new IllegalArgumentException("measured must be at least 5, was " + measured);
    }
    this.warmups = warmups;
    this.measured = measured;
  }

  /** The median over the measured rounds of nanoseconds per operation. */
  double nanosPerOp(long opsPerRound, Round round) {
    for (int i = 0; i < warmups; i++) {
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
