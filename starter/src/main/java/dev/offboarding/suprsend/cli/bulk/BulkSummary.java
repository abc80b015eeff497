package dev.offboarding.suprsend.cli.bulk;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.cli.Offboardings;
import dev.offboarding.suprsend.cli.Table;
import dev.offboarding.suprsend.cli.Text;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The end of a bulk run: the summary table on stdout, and the exit code with what is left to do.
 */
final class BulkSummary {

  private final CliContext ctx;
  private final boolean wait;
  private final Path report;

  BulkSummary(CliContext ctx, boolean wait, Path report) {
    this.ctx = ctx;
    this.wait = wait;
    this.report = report;
  }

  /** The exit code, after saying on stderr what is left to do. */
  int exitCode(BulkOffboarding bulk, BulkOffboarding.Tally tally, boolean stopped) {
    if (bulk.temporalLost() != null) {
      ctx.err()
          .println(
              "error: lost the connection to Temporal ("
                  + ((io.grpc.StatusRuntimeException) bulk.temporalLost()).getStatus().getCode()
                  + "): check it (./offboard check), then run the same command again; it"
                  + " resumes without starting anything twice");
      return ExitCodes.TEMPORAL_UNREACHABLE;
    }
    boolean incomplete =
        stopped
            || tally.notFinished.get() > 0
            || tally.startErrors.get() > 0
            || tally.failed() > 0
            || tally.calledOff.get() > 0;
    if (tally.calledOff.get() > 0) {
      ctx.err()
          .println(
              Text.count(tally.calledOff.get(), "user was", "users were")
                  + " called off earlier by a person (rejected, cancelled or aborted) and not"
                  + " started"
                  + (report != null ? " (CALLED_OFF in " + report + ")" : "")
                  + ": the decision stands. To override it, run the same command with --again"
                  + " (after a rejection the new run waits for approval again).");
    }
    if (stopped || tally.notFinished.get() > 0) {
      ctx.err()
          .println(
              "Stopped before the end. The runs already started go on; run the same command again"
                  + " to resume: it starts nothing twice.");
    } else if (tally.failed() > 0 || tally.startErrors.get() > 0) {
      ctx.err()
          .println(
              "Some offboardings did not complete"
                  + (report != null ? " (see " + report + " for each user's error)" : "")
                  + ". Fix the cause, then run the same command again: failed runs start again,"
                  + " completed ones never do.");
    }
    long unwritten = tally.reportErrors.get();
    if (unwritten > 0) {
      ctx.err()
          .println(
              "error: "
                  + Text.count(unwritten, "row", "rows")
                  + " could not be written to "
                  + (report != null ? report : "the report")
                  + " ("
                  + tally.firstReportError.get()
                  + "): those users are counted above, but the report misses them. Run the same"
                  + " command again with another --report: it starts nothing twice and writes"
                  + " every user's row.");
    }
    if (incomplete) {
      return ExitCodes.NOT_COMPLETED;
    }
    if (unwritten > 0) {
      return ExitCodes.UNEXPECTED;
    }
    if (tally.badLines.get() > 0) {
      ctx.err()
          .println(
              Text.count(tally.badLines.get(), "bad line was", "bad lines were")
                  + " skipped (listed above): fix them and run again; the rest is done.");
      return ExitCodes.USAGE;
    }
    return ExitCodes.OK;
  }

  /** The summary table on stdout. */
  void print(BulkOffboarding.Tally t, Duration took) {
    Table table = new Table("SUMMARY", "COUNT");
    table.row("lines read", t.lines.get());
    table.row("bad lines (skipped)", t.badLines.get());
    table.row("duplicate lines (counted once)", t.duplicates.get());
    table.row("users", t.users.get());
    table.row("  started", t.starts(Offboardings.StartKind.STARTED));
    table.row(
        "  started again (earlier run failed)", t.starts(Offboardings.StartKind.STARTED_AGAIN));
    table.row(
        "  already running (not started again)", t.starts(Offboardings.StartKind.ALREADY_RUNNING));
    table.row(
        "  already completed (not started again)",
        t.starts(Offboardings.StartKind.ALREADY_COMPLETED));
    if (t.calledOff.get() > 0) {
      table.row("  called off earlier (not started)", t.calledOff.get());
    }
    if (t.startErrors.get() > 0) {
      table.row("  could not be started", t.startErrors.get());
    }
    if (wait) {
      t.outcomes().forEach((outcome, n) -> table.row(outcome, n));
      if (t.notFinished.get() > 0) {
        table.row("not waited for (still running)", t.notFinished.get());
      }
    }
    if (t.reportErrors.get() > 0) {
      table.row("report rows not written (error)", t.reportErrors.get());
    }
    double seconds = Math.max(0.001, took.toMillis() / 1000.0);
    table.row("time", Text.duration(took));
    long finished = wait ? t.outcomes().values().stream().mapToLong(Long::longValue).sum() : 0;
    table.row(
        wait ? "offboardings per second" : "starts per second",
        String.format(Locale.ROOT, "%.1f", (wait ? finished : t.users.get()) / seconds));
    table.print(ctx.out());
  }
}
