package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(boolean headless, String... args) throws Exception {
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      return Demo.run(args, o, e, headless);
    }
  }

  @Test
  void aBadFlagExitsWithTwoNamingTheFlagAndShowingTheUsage() throws Exception {
    int status = run(true, "--failure-rate", "often");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("error: --failure-rate must be a number from 0.0 to 1.0, not 'often'")
        .contains("Usage: Demo");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void helpPrintsTheUsageAndExitsWithZero() throws Exception {
    assertThat(run(true, "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: Demo");
  }

  @Test
  void withoutADisplayItRunsTheWalkthroughAndExitsWithZero() throws Exception {
    int status = run(true, "--latency-ms", "0");

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("Demo server listening on http://127.0.0.1:")
        .doesNotContain("Swing")
        .contains("Done.");
  }
}
