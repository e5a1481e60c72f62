package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoFlagsTest {
  @Test
  void withoutFlagsTheDefaultsApply() {
    assertThat(DemoFlags.parse()).isEqualTo(new DemoFlags(200, 0.0, 0, false, false, false));
  }

  @Test
  void readsEveryFlagWithItsValueNextOrAfterAnEqualsSign() {
    DemoFlags flags = DemoFlags.parse("--latency-ms", "50", "--failure-rate=0.3", "--port", "8080", "--console");

    assertThat(flags).isEqualTo(new DemoFlags(50, 0.3, 8080, false, true, false));
  }

  @Test
  void anUnknownFlagIsNamed() {
    assertThatThrownBy(() -> DemoFlags.parse("--fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown flag '--fast'");
  }

  @Test
  void aMissingValueNamesTheFlag() {
    assertThatThrownBy(() -> DemoFlags.parse("--port"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--port needs a value");
  }

  @Test
  void aLatencyThatIsNotANumberNamesTheFlag() {
    assertThatThrownBy(() -> DemoFlags.parse("--latency-ms", "fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--latency-ms must be a whole number of milliseconds from 0 to 10000, not 'fast'");
  }

  @Test
  void aFailureRateAboveOneNamesTheFlag() {
    assertThatThrownBy(() -> DemoFlags.parse("--failure-rate", "1.5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--failure-rate must be from 0.0 to 1.0, not 1.5");
  }

  @Test
  void aPortOutOfRangeNamesTheFlag() {
    assertThatThrownBy(() -> DemoFlags.parse("--port", "70000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--port must be from 0 to 65535, not 70000");
  }

  @Test
  void javafxChoosesTheJavafxWindow() {
    assertThat(DemoFlags.parse("--javafx").javafx()).isTrue();
  }
}
