package dev.offboarding.suprsend.cli.bulk;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.Offboardings;
import dev.offboarding.suprsend.cli.RunWatch;
import dev.offboarding.suprsend.cli.Text;
import dev.offboarding.suprsend.worker.TemporalConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@code ./offboard bulk} run against Temporal: drives {@link BulkOffboarding} over the input,
 * with progress, the bad and duplicate lines as they come, the report rows, Ctrl-C, and at the end
 * the {@link BulkSummary}.
 */
final class BulkRun {

  /** At most this many bad or duplicate lines are listed one by one; then only counted. */
  static final int LISTED_LINES = 100;

  /**
   * What the command line asked for, checked.
   *
   * @param inputName the file name, or {@code standard input}
   * @param progressMode auto, bar, lines or none
   * @param report the report's path, or null
   */
  record Plan(
      String inputName,
      String taskQueue,
      BulkOffboarding.Settings settings,
      String progressMode,
      Duration progressEvery,
      Path report) {}

  private final CliContext ctx;
  private final Plan plan;

  BulkRun(CliContext ctx, Plan plan) {
    this.ctx = ctx;
    this.plan = plan;
  }

  /** Runs the batch over {@code source}; returns the exit code. */
  int run(TemporalConnection temporal, IdSource source, long totalLines, ReportWriter reportWriter)
      throws IOException, InterruptedException {
    BulkOffboarding.Settings settings = plan.settings();
    BulkOffboarding bulk =
        new BulkOffboarding(
            new Offboardings(temporal.client(), plan.taskQueue(), ctx.idScheme()),
            new RunWatch(temporal.client()),
            settings,
            ctx::redact);
    BulkOffboarding.Tally tally = bulk.tally();
    ctx.err()
        .println(
            "Reading "
                + plan.inputName()
                + " as "
                + source.format()
                + "; starting on task queue "
                + plan.taskQueue()
                + " at "
                + temporal.address()
                + ", "
                + settings.concurrency()
                + " at a time"
                + (settings.awaitResults() ? ", waiting for every result" : ""));
    AtomicBoolean stopped = new AtomicBoolean();
    watchForStop(stopped);
    long dataLines = totalLines < 0 ? -1 : totalLines - (source.hasHeader() ? 1 : 0);
    String mode = plan.progressMode();
    Progress bar =
        mode.equals("none")
            ? null
            : new Progress(
                ctx.err(),
                mode.equals("bar") || (mode.equals("auto") && Progress.isTerminal()),
                plan.progressEvery(),
                "lines",
                tally.done::get,
                () -> dataLines);
    AtomicLong listed = new AtomicLong();
    BulkOffboarding.Events events =
        new BulkOffboarding.Events() {
          @Override
          public void badLine(long line, String problem) {
            if (listed.incrementAndGet() <= LISTED_LINES) {
              printAbove(bar, "line " + line + ": skipped: " + ctx.redact(problem));
            }
          }

          @Override
          public void duplicate(long line, String distinctId) {
            if (listed.incrementAndGet() <= LISTED_LINES) {
              printAbove(
                  bar,
                  "line "
                      + line
                      + ": "
                      + Text.quoted(distinctId)
                      + " was read before: counted once");
            }
          }

          @Override
          public void row(ReportWriter.Row row) {
            if (reportWriter != null) {
              reportWriter.row(row);
            }
          }
        };
    long startedNanos = System.nanoTime();
    try {
      bulk.run(source, stopped::get, events);
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
    if (listed.get() > LISTED_LINES) {
      ctx.err()
          .println(
              (listed.get() - LISTED_LINES)
                  + " more bad or duplicate lines were not listed"
                  + (reportWriter == null ? "" : " (the report has every user)"));
    }
    BulkSummary summary = new BulkSummary(ctx, settings.awaitResults(), plan.report());
    summary.print(tally, took);
    return summary.exitCode(bulk, tally, stopped.get());
  }

  /** Prints a line to stderr without tearing the progress bar. */
  private void printAbove(Progress bar, String line) {
    if (bar != null) {
      bar.printAbove(line);
    } else {
      ctx.err().println(line);
    }
  }

  /** On SIGTERM/Ctrl-C: stop reading, let starts in flight finish, print the summary. */
  private void watchForStop(AtomicBoolean stopped) {
    Thread watcher =
        new Thread(
            () -> {
              try {
                ctx.stop().await();
                stopped.set(true);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "bulk-stop");
    watcher.setDaemon(true);
    watcher.start();
  }
}
