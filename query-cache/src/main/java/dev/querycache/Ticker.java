package dev.querycache;

/**
 * The client's source of time: a monotonic count of nanoseconds from an arbitrary origin,
 * like {@link System#nanoTime()}. Staleness, retention and retry backoff all read it, and
 * every timestamp in a {@link QueryState} is a reading of it. Tests pass a virtual ticker
 * that they advance by hand, together with a matching {@link Scheduler}.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Ticker {
  /**
   * Reads the time.
   *
   * @return nanoseconds since an arbitrary, fixed origin; never decreasing
   */
  long read();

  /**
   * The system ticker, backed by {@link System#nanoTime()}.
   *
   * @return the system ticker
   */
  static Ticker system() {
    return System::nanoTime;
  }
}
