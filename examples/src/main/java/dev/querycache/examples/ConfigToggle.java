package dev.querycache.examples;

import java.util.Objects;

/**
 * The variables of the pause/resume mutation: which configuration, and which way. Absolute
 * ("set paused"), never relative ("toggle"), so the optimistic projection may run again on
 * newer data.
 *
 * @param configId the configuration's id
 * @param paused {@code true} to pause, {@code false} to resume
 */
public record ConfigToggle(String configId, boolean paused) {
  /**
   * Checks the id.
   *
   * @param configId the configuration's id
   * @param paused {@code true} to pause, {@code false} to resume
   * @throws NullPointerException if {@code configId} is null
   */
  public ConfigToggle {
    Objects.requireNonNull(configId, "configId == null");
  }

  /**
   * Pauses a configuration.
   *
   * @param configId its id
   * @return the variables
   */
  public static ConfigToggle pause(String configId) {
    return new ConfigToggle(configId, true);
  }

  /**
   * Resumes a configuration.
   *
   * @param configId its id
   * @return the variables
   */
  public static ConfigToggle resume(String configId) {
    return new ConfigToggle(configId, false);
  }
}
