package dev.querycache;

import java.time.Duration;
import java.util.Objects;

/**
 * Decides whether a failed attempt is tried again, and after how long.
 *
 * <p>Both methods receive {@code retriesSoFar}: how many retries were already made before
 * the attempt that just failed (zero after the first failure). Queries default to
 * {@link #exponential(int) exponential(3)}: up to three retries after 1 s, 2 s and 4 s, so a
 * query that always fails settles as an error after four attempts and 7 s. Delays run on the
 * client's {@link Scheduler}, so a virtual clock makes them instant in tests. A fetch that is
 * cancelled while waiting for a retry does not retry.
 *
 * <p>Implementations must be thread-safe and fast; they are called on the thread on which
 * the attempt failed.
 *
 * @since 0.1.0
 */
public interface RetryPolicy {
  /**
   * Whether to try again after a failure.
   *
   * @param retriesSoFar retries already made (zero after the first failure)
   * @param error what the attempt threw or failed with
   * @return {@code true} to retry after {@link #delay(int, Throwable)}
   */
  boolean shouldRetry(int retriesSoFar, Throwable error);

  /**
   * How long to wait before the next attempt.
   *
   * @param retriesSoFar retries already made (zero after the first failure)
   * @param error what the attempt threw or failed with
   * @return a non-negative delay
   */
  Duration delay(int retriesSoFar, Throwable error);

  /**
   * Never retries.
   *
   * @return a policy whose first failure is final
   */
  static RetryPolicy never() {
    return exponential(0);
  }

  /**
   * Retries up to {@code retries} times, waiting {@code min(1 s * 2^n, 30 s)} before retry
   * {@code n + 1} (so 1 s, 2 s, 4 s, ... up to 30 s).
   *
   * @param retries the most retries to make; zero for none
   * @return the policy
   * @throws IllegalArgumentException if {@code retries} is negative
   */
  static RetryPolicy exponential(int retries) {
    return new ExponentialRetry(retries, Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  /**
   * Retries up to {@code retries} times, waiting {@code delay} before each retry.
   *
   * @param retries the most retries to make; zero for none
   * @param delay the wait before each retry
   * @return the policy
   * @throws IllegalArgumentException if {@code retries} or {@code delay} is negative
   * @throws NullPointerException if {@code delay} is null
   */
  static RetryPolicy fixed(int retries, Duration delay) {
    Objects.requireNonNull(delay, "delay == null");
    return new ExponentialRetry(retries, delay, delay);
  }
}

/** {@link RetryPolicy}: a bounded number of retries, the delay doubling up to a cap. */
final class ExponentialRetry implements RetryPolicy {
  private final int retries;
  private final Duration base;
  private final Duration cap;

  ExponentialRetry(int retries, Duration base, Duration cap) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative: " + retries);
    }
    if (base.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + base);
    }
    this.retries = retries;
    this.base = base;
    this.cap = cap;
  }

  @Override
  public boolean shouldRetry(int retriesSoFar, Throwable error) {
    java.util.Objects.requireNonNull(error, "error == null");
    return retriesSoFar < retries;
  }

  @Override
  public Duration delay(int retriesSoFar, Throwable error) {
    java.util.Objects.requireNonNull(error, "error == null");
    if (base.equals(cap) || retriesSoFar >= 30) {
      return cap;
    }
    Duration doubled = base.multipliedBy(1L << retriesSoFar);
    return doubled.compareTo(cap) < 0 ? doubled : cap;
  }

  @Override
  public String toString() {
    return base.equals(cap)
        ? "RetryPolicy.fixed(" + retries + ", " + base + ")"
        : "RetryPolicy.exponential(" + retries + ")";
  }
}
