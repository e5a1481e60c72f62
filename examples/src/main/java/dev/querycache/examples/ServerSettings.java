package dev.querycache.examples;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How badly the {@link DemoServer} behaves, changeable while it runs: the latency added to
 * every request, the share of requests that fail, and a number of requests to fail next
 * whatever the rate. The admin endpoint ({@code POST /admin/settings}) is exempt from all
 * three. Thread-safe: settings changed on one thread apply to the next request on any.
 */
public final class ServerSettings {
  /** The largest latency the server accepts, in milliseconds. */
  public static final long MAX_LATENCY_MS = 10_000;

  private volatile long latencyMs;
  private volatile double failureRate;
  private final AtomicInteger failNext = new AtomicInteger();

  /**
   * Settings with the given latency and failure rate.
   *
   * @param latencyMs see {@link #setLatencyMs(long)}
   * @param failureRate see {@link #setFailureRate(double)}
   * @throws IllegalArgumentException if a value is out of range
   */
  public ServerSettings(long latencyMs, double failureRate) {
    setLatencyMs(latencyMs);
    setFailureRate(failureRate);
  }

  /**
   * The latency added to every request but the admin ones.
   *
   * @return milliseconds, 0 to {@value #MAX_LATENCY_MS}
   */
  public long latencyMs() {
    return latencyMs;
  }

  /**
   * The latency as a duration.
   *
   * @return {@link #latencyMs()} as a duration
   */
  public Duration latency() {
    return Duration.ofMillis(latencyMs);
  }

  /**
   * Sets the latency added to every request but the admin ones.
   *
   * @param latencyMs milliseconds, 0 to {@value #MAX_LATENCY_MS}
   * @throws IllegalArgumentException if out of range
   */
  public void setLatencyMs(long latencyMs) {
    this.latencyMs = checkLatencyMs(latencyMs);
  }

  /**
   * The probability that a request (but an admin one) fails with HTTP 500.
   *
   * @return 0.0 (never) to 1.0 (always)
   */
  public double failureRate() {
    return failureRate;
  }

  /**
   * Sets the probability that a request (but an admin one) fails with HTTP 500.
   *
   * @param failureRate 0.0 (never) to 1.0 (always)
   * @throws IllegalArgumentException if out of range or not a number
   */
  public void setFailureRate(double failureRate) {
    this.failureRate = checkFailureRate(failureRate);
  }

  /**
   * Makes the next {@code count} requests (but admin ones) fail, whatever the failure rate:
   * a deterministic way to show a rollback.
   *
   * @param count how many, 0 to cancel an earlier call
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public void failNextRequests(int count) {
    failNext.set(checkFailNext(count));
  }

  /**
   * How many of the next requests will fail whatever the rate.
   *
   * @return the count
   */
  public int pendingForcedFailures() {
    return failNext.get();
  }

  /** Takes one forced failure, if any is left; true if the current request must fail. */
  boolean takeForcedFailure() {
    return failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  /**
   * The current values, for the admin endpoint.
   *
   * @return a snapshot
   */
  public AdminSettings snapshot() {
    return new AdminSettings(latencyMs, failureRate, failNext.get());
  }

  /**
   * Applies the fields of {@code update} that are set; all of them or none.
   *
   * @param update the new values; null fields stay as they are
   * @throws IllegalArgumentException if a value is out of range (nothing changes then)
   */
  public synchronized void apply(AdminSettings update) {
    Objects.requireNonNull(update, "update == null");
    long newLatency = update.latencyMs() == null ? latencyMs : update.latencyMs();
    double newRate = update.failureRate() == null ? failureRate : update.failureRate();
    int newFailNext = update.failNextRequests() == null ? failNext.get() : update.failNextRequests();
    checkLatencyMs(newLatency); // all checked before any is set
    checkFailureRate(newRate);
    checkFailNext(newFailNext);
    latencyMs = newLatency;
    failureRate = newRate;
    failNext.set(newFailNext);
  }

  static long checkLatencyMs(long latencyMs) {
    if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
      throw new IllegalArgumentException("latencyMs must be between 0 and " + MAX_LATENCY_MS + ": " + latencyMs);
    }
    return latencyMs;
  }

  static double checkFailureRate(double failureRate) {
    if (!(failureRate >= 0.0 && failureRate <= 1.0)) { // NaN fails too
      throw new IllegalArgumentException("failureRate must be between 0.0 and 1.0: " + failureRate);
    }
    return failureRate;
  }

  private static int checkFailNext(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("failNextRequests must not be negative: " + count);
    }
    return count;
  }

  @Override
  public String toString() {
    return "ServerSettings{latencyMs=" + latencyMs + ", failureRate=" + failureRate
        + ", failNextRequests=" + failNext.get() + "}";
  }
}
