package dev.offboarding.suprsend.cli.bulk;

import static dev.offboarding.suprsend.cli.bulk.InProcessBulk.assertEveryUserWasDeletedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.EndToEndRig;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.cli.StopSignal;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A report that refuses a row (a full disk) never loses that user silently: the row is counted as
 * an error, the summary and the exit code say so, and the batch still finishes every line.
 */
class ReportWriteFailureTest {

  @Test
  void aResultRowTheReportCannotTakeIsCountedAsAnErrorAndNamedInTheSummary() throws Exception {
    int n = 12;
    List<String> ids = IntStream.range(0, n).mapToObj(i -> "full-disk-" + i).toList();
    try (EndToEndRig rig = EndToEndRig.start("report-fails", SandboxOptions.defaults(), Map.of())) {
      rig.sandbox().addUsers(ids);
      BulkOffboarding bulk =
          InProcessBulk.waitingFor(rig.workerConnection().client(), "report-fails", 4, 8);
      BulkOffboarding.Tally tally = InProcessBulk.run(bulk, ids, FULL_DISK);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      CliContext ctx =
          CliContext.of(
              Map.of(),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              StopSignal.manual());
      BulkSummary summary = new BulkSummary(ctx, true, Path.of("report.csv"));
      summary.print(tally, Duration.ofSeconds(1));
      int exit = summary.exitCode(bulk, tally, false);

      assertEveryUserWasDeletedOnce(tally, rig.sandbox(), n);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .containsPattern("(?m)^\\s*report rows not written \\(error\\)\\s+" + n + "\\s*$");
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains(n + " rows could not be written to report.csv")
          .contains("cannot write the report: No space left on device");
      assertThat(exit).as("not a success").isEqualTo(ExitCodes.UNEXPECTED);
    }
  }

  /** A report on a full disk: every row is refused, as {@link ReportWriter} refuses it. */
  private static final BulkOffboarding.Events FULL_DISK =
      BulkOffboarding.Events.rowsOnly(
          row -> {
            throw new UncheckedIOException(
                "cannot write the report", new IOException("No space left on device"));
          });
}
