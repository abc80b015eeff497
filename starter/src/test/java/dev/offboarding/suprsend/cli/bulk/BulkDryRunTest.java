package dev.offboarding.suprsend.cli.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.cli.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./offboard bulk --dry-run} and the input checks: no Temporal is listening here. */
class BulkDryRunTest {

  private final Map<String, String> noTemporal =
      Map.of(
          "TEMPORAL_ADDRESS",
          "localhost:" + Cli.freePort(),
          "TEMPORAL_CONFIG_FILE",
          "/nonexistent/temporal.toml");
  private final Cli cli = new Cli();
  @TempDir Path dir;

  @Test
  void aDryRunCountsTheIdsShowsTheFirstAndTheSkippedLinesAndStartsNothing() throws IOException {
    Path input = dir.resolve("users.csv");
    Files.writeString(
        input,
        "email,distinct_id\n"
            + "a@x,u-1\n"
            + "\n"
            + "b@x,u-2\n"
            + "c@x,bad\u0007id\n"
            + "d@x,u-3\n"
            + "e@x,u-4\n"
            + "f@x,u-5\n"
            + "g@x,u-6\n",
        StandardCharsets.UTF_8);

    Cli.Run run = cli.run(noTemporal, "bulk", input.toString(), "--dry-run");

    assertThat(run.exit()).as(run.all()).isEqualTo(2);
    assertThat(run.err())
        .contains("Dry run: reading " + input + " as CSV, column 'distinct_id' (2) of the header")
        .contains("line 3: skipped: blank line")
        .contains("line 5: skipped: distinctId contains the control character U+0007")
        .contains("Nothing was started (dry run)")
        .doesNotContain("Temporal is unreachable");
    assertThat(run.out())
        .containsPattern("(?m)^lines read\\s+8\\s*$")
        .containsPattern("(?m)^bad lines \\(skipped\\)\\s+2\\s*$")
        .containsPattern("(?m)^ids\\s+6\\s*$")
        .containsPattern("(?m)^2\\s+u-1\\s*$")
        .containsPattern("(?m)^8\\s+u-5\\s*$")
        .doesNotContain("u-6");
  }

  @Test
  void aCleanDryRunExits0() throws IOException {
    Path input = dir.resolve("users.txt");
    Files.writeString(input, "u-1\nu-2\n");

    Cli.Run run = cli.run(noTemporal, "bulk", input.toString(), "--dry-run");

    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out()).containsPattern("(?m)^ids\\s+2\\s*$");
  }

  @Test
  void aCsvWithoutAKnownHeaderIsRefusedBeforeTemporalIsAsked() throws IOException {
    Path input = dir.resolve("export.csv");
    Files.writeString(input, "email,user_id\na@x,u-1\n");

    Cli.Run run = cli.run(noTemporal, "bulk", input.toString());

    assertThat(run.exit()).as(run.all()).isEqualTo(2);
    assertThat(run.err())
        .contains("no distinct_id, distinctId or id column")
        .contains("Nothing was started")
        .doesNotContain("Temporal is unreachable");
  }
}
