package dev.querycache.examples;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /admin/settings} and its answer. In a request, the fields left
 * null (or out) stay as they are; the answer has every field.
 *
 * @param latencyMs the latency added to every non-admin request, in milliseconds
 * @param failureRate the probability that a non-admin request fails, 0.0 to 1.0
 * @param failNextRequests how many of the next non-admin requests fail whatever the rate
 */
public record AdminSettings(@Nullable Long latencyMs, @Nullable Double failureRate, @Nullable Integer failNextRequests) {
  /**
   * An update of the latency only.
   *
   * @param latencyMs milliseconds
   * @return the update
   */
  public static AdminSettings ofLatencyMs(long latencyMs) {
    return new AdminSettings(latencyMs, null, null);
  }

  /**
   * An update of the failure rate only.
   *
   * @param failureRate 0.0 to 1.0
   * @return the update
   */
  public static AdminSettings ofFailureRate(double failureRate) {
    return new AdminSettings(null, failureRate, null);
  }
}
