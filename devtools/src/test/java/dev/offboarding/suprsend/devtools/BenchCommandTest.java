package dev.offboarding.suprsend.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.cli.Cli;
import dev.offboarding.suprsend.devtools.realserver.RealTemporal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./offboard bench} runs every scenario end to end on tiny sizes, on the real dev server and
 * on the test server, so neither suite can rot. Its figures are not checked here (they depend on
 * the machine): only that they are there.
 */
class BenchCommandTest {

  @TempDir Path dir;

  @Test
  void everyScenarioRunsOnTheRealServerAndJsonHasTheDocumentedKeys() throws Exception {
    Path cli = RealTemporal.cli();
    Path doc = dir.resolve("benchmarks.md");
    Files.writeString(
        doc,
        "# Benchmarks\n\nHand-written analysis.\n\n<!-- generated:bench -->\nold\n"
            + "<!-- /generated:bench -->\n\nMore prose.\n");

    Cli.Run run =
        new Cli(Offboard::execute)
            .run(
                Map.of("TEMPORAL_CLI", cli.toString()),
                "bench",
                "--quick",
                "--json",
                "--scale",
                "0.01",
                "--output",
                doc.toString());

    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.lines()).as("exactly one line on stdout").hasSize(1);
    JsonNode json = new ObjectMapper().readTree(run.lines().get(0));
    // S3 runs a second time, at a rate within capacity, on a machine S2 showed slower than 100/s.
    if (json.has("s3_within_capacity")) {
      assertThat(fieldNames(json))
          .containsExactly("floor", "ours", "s1", "s3", "s3_within_capacity", "s4");
      assertThat(fieldNames(json.get("s3_within_capacity")))
          .containsExactly("limit_per_s", "wall_over_ideal", "rate_limited_fraction");
      assertThat(json.get("s3_within_capacity").get("limit_per_s").asDouble())
          .isBetween(5.0, 100.0);
      assertThat(run.err()).contains("S3 within this machine's capacity");
    } else {
      assertThat(fieldNames(json)).containsExactly("floor", "ours", "s1", "s3", "s4");
    }
    assertThat(fieldNames(json.get("floor"))).containsExactly("per_s", "cpu_ms", "events");
    assertThat(fieldNames(json.get("ours")))
        .containsExactly("per_s", "cpu_ms", "events", "history_bytes", "client_cpu_share");
    assertThat(fieldNames(json.get("s1"))).containsExactly("p50_overhead_ms");
    assertThat(fieldNames(json.get("s3")))
        .containsExactly("wall_over_ideal", "rate_limited_fraction");
    assertThat(fieldNames(json.get("s4"))).containsExactly("heap_growth_ratio");
    json.forEach(scenario -> scenario.forEach(figure -> assertThat(figure.isNumber()).isTrue()));
    assertThat(json.get("floor").get("per_s").asDouble()).isPositive();
    assertThat(json.get("ours").get("per_s").asDouble()).isPositive();
    assertThat(json.get("floor").get("cpu_ms").asDouble()).isPositive();
    assertThat(json.get("ours").get("cpu_ms").asDouble()).isPositive();
    assertThat(json.get("floor").get("events").asDouble())
        .as("a bare one-activity workflow")
        .isEqualTo(11);
    assertThat(json.get("ours").get("history_bytes").asDouble()).isPositive();
    assertThat(run.err()).contains("S1 latency").contains("S4 memory");

    String written = Files.readString(doc);
    assertThat(written)
        .startsWith("# Benchmarks\n\nHand-written analysis.")
        .endsWith("More prose.\n")
        .doesNotContain("\nold\n")
        .contains("| machine | ")
        .contains("| client JVM options | ")
        .contains("| git commit | ")
        .contains("| load average (1 min) before / after | ")
        .contains("real dev server")
        .contains(run.lines().get(0));
  }

  @Test
  void theTestServerSuiteStillRunsAndLeavesTheDocAlone() throws Exception {
    Path doc = dir.resolve("benchmarks.md");
    Files.writeString(doc, "untouched\n");

    Cli.Run run =
        new Cli(Offboard::execute)
            .run(
                Map.of(),
                "bench",
                "--server",
                "test",
                "--quick",
                "--json",
                "--scale",
                "0.01",
                "--output",
                doc.toString());

    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.lines()).as("exactly one line on stdout").hasSize(1);
    JsonNode json = new ObjectMapper().readTree(run.lines().get(0));
    assertThat(fieldNames(json)).containsExactly("s1", "s2", "s3", "s4");
    assertThat(fieldNames(json.get("s1"))).containsExactly("p50_overhead_ms", "p99_overhead_ms");
    assertThat(fieldNames(json.get("s2")))
        .containsExactly("offboardings_per_s", "sequential_per_s", "parallel_raw_per_s");
    assertThat(fieldNames(json.get("s3")))
        .containsExactly("wall_over_ideal", "rate_limited_fraction");
    assertThat(fieldNames(json.get("s4"))).containsExactly("heap_growth_ratio");
    json.forEach(scenario -> scenario.forEach(figure -> assertThat(figure.isNumber()).isTrue()));
    assertThat(json.get("s2").get("offboardings_per_s").asDouble()).isPositive();
    assertThat(run.err()).contains("S1 latency").contains("S4 memory");
    assertThat(Files.readString(doc)).isEqualTo("untouched\n");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
