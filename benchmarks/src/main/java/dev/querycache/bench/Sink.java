package dev.querycache.bench;

/**
 * Where measured loops put what they read, so the JIT cannot drop the reads as dead code.
 */
final class Sink {
  private static volatile long consumed;

  private Sink() {}

  /** Keeps {@code value} observable. */
  static void consume(long value) {
    consumed += value;
  }
}
