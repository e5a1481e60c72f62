package dev.querycache.examples;

import java.util.Objects;

/**
 * One health-check configuration of the health-check page.
 *
 * @param id the configuration's id, such as {@code "c2"}
 * @param name what it checks, for people
 * @param url the address it probes
 * @param intervalSeconds how often it probes, in seconds
 * @param paused whether probing is paused
 */
public record HealthCheckConfig(String id, String name, String url, int intervalSeconds, boolean paused) {
  /**
   * Checks the fields.
   *
   * @param id the configuration's id, such as {@code "c2"}
   * @param name what it checks, for people
   * @param url the address it probes
   * @param intervalSeconds how often it probes, in seconds
   * @param paused whether probing is paused
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if {@code intervalSeconds} is not positive
   */
  public HealthCheckConfig {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(url, "url == null");
    if (intervalSeconds <= 0) {
      throw new IllegalArgumentException("intervalSeconds must be positive: " + intervalSeconds);
    }
  }

  /**
   * This configuration, paused or running.
   *
   * @param nowPaused whether it should be paused
   * @return a copy with {@code paused} set, or this one if it is so already
   */
  public HealthCheckConfig withPaused(boolean nowPaused) {
    return paused == nowPaused ? this : new HealthCheckConfig(id, name, url, intervalSeconds, nowPaused);
  }
}
