package dev.querycache;

import java.time.Duration;

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
