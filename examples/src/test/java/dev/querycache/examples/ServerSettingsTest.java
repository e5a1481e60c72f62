package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerSettingsTest {
  @Test
  void refusesANegativeLatencyNamingIt() {
    ServerSettings settings = new ServerSettings(0, 0.0);

    assertThatThrownBy(() -> settings.setLatencyMs(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latencyMs must be between 0 and 10000: -1");
  }

  @Test
  void refusesAFailureRateThatIsNotANumber() {
    ServerSettings settings = new ServerSettings(0, 0.0);

    assertThatThrownBy(() -> settings.setFailureRate(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("failureRate must be between 0.0 and 1.0");
  }

  @Test
  void forcedFailuresCountDownToZero() {
    ServerSettings settings = new ServerSettings(0, 0.0);
    settings.failNextRequests(1);

    assertThat(settings.takeForcedFailure()).isTrue();
    assertThat(settings.takeForcedFailure()).isFalse();
    assertThat(settings.pendingForcedFailures()).isZero();
  }

  @Test
  void applyChangesAllOrNothing() {
    ServerSettings settings = new ServerSettings(10, 0.1);

    assertThatThrownBy(() -> settings.apply(new AdminSettings(500L, null, -1)))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(settings.latencyMs()).isEqualTo(10);
  }
}
