package dev.querycache.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The harness works: a {@code --quick} run prints one JSON object per line for every
 * workload, and nothing else. No figure is checked: timings belong to the benchmark runs,
 * never to the test suite.
 */
class WorkloadsSmokeTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void quickRunPrintsOneJsonLinePerWorkloadAndNothingElse() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Workloads.run(
        Workloads.Settings.parse("--quick"),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines)
        .extracting(line -> line.get("workload").asString())
        .containsExactly(
            "W1", "W2", "W2b", "W2base", "W3", "W3", "W4", "W4e", "W4s", "W4l", "W5", "W6", "W7", "W8", "W8b", "W8c", "W9", "W9p", "W10", "W11",
            "W12", "W12");
    for (JsonNode line : lines) {
      assertThat(line.get("n").asInt()).as("n of %s", line).isPositive();
      assertThat(line.has("ns_per_op") || line.has("bytes_per_entry")).as("figure of %s", line).isTrue();
    }
    assertThat(lines.get(4).get("matched").asInt()).isEqualTo(100);
    assertThat(lines.get(6).get("notified").asLong()).isEqualTo(lines.get(6).get("ops").asLong());
  }

  @Test
  void onlySelectsWorkloadsAndNSetsTheSize() {
    Workloads.Settings settings = Workloads.Settings.parse("--only", "w6,W1", "--n", "2_000");

    assertThat(settings.only).containsExactly("W6", "W1");
    assertThat(settings.n(1, 2)).isEqualTo(2_000);
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> Workloads.Settings.parse("--n", "150"))
        .hasMessageContaining("--n").hasMessageContaining("multiple of 100");
    assertThatThrownBy(() -> Workloads.Settings.parse("--only", "W99"))
        .hasMessageContaining("unknown workload W99");
    assertThatThrownBy(() -> Workloads.Settings.parse("--n"))
        .hasMessageContaining("--n needs a value");
    assertThatThrownBy(() -> Workloads.Settings.parse("--fast"))
        .hasMessageContaining("unknown argument --fast");
  }
}
