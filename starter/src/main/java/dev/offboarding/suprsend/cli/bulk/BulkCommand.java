package dev.offboarding.suprsend.cli.bulk;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.cli.Offboardings;
import dev.offboarding.suprsend.cli.Table;
import dev.offboarding.suprsend.cli.Temporal;
import dev.offboarding.suprsend.cli.Text;
import dev.offboarding.suprsend.worker.TemporalConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./offboard bulk FILE|-}: offboard many users from a file or standard input. */
@Command(
    name = "bulk",
    mixinStandardHelpOptions = true,
    description = {
      "Offboard many users: one UserOffboarding workflow per distinct id read from FILE (or"
          + " standard input with -), read as a stream, with progress on stderr and a summary"
          + " table on stdout.",
      "Input: one id a line, or CSV: the column is a header cell distinct_id, distinctId or id,"
          + " or --column names it; a CSV without such a header needs --column, and a first line"
          + " that names a column is never read as an id. Blank lines, lines with control"
          + " characters and other bad lines are reported with their line numbers and skipped; an"
          + " id read twice counts once. --dry-run says what would happen and starts nothing.",
      "Safe to run again: every user has one workflow id, so a second run of the same input"
          + " (after Ctrl-C or a crash) finds the runs of the first and starts nothing twice.",
      "Exit codes: 0 every user offboarded (with --wait) or started, 2 bad input (bad lines were"
          + " skipped, everything else went through), 3 some offboarding did not complete, 4"
          + " Temporal unreachable. Ctrl-C prints the summary; run the command again to resume."
    })
public final class BulkCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "File of distinct ids (one a line, or CSV); - for standard input.")
  String file;

  @Option(
      names = "--column",
      paramLabel = "NAME|N",
      description =
          "CSV column holding the distinct id: a header name, or a number counted from 1"
              + " (default: the distinct_id, distinctId or id column of the header; without one,"
              + " required).")
  String column;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "16",
      description = "Starts in flight at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--reason", paramLabel = "R", description = "Why (shown in every receipt).")
  String reason;

  @Option(
      names = "--requested-by",
      paramLabel = "WHO",
      description = "Who asked for it (shown in every receipt).")
  String requestedBy;

  @Option(
      names = "--wait",
      description = "Wait for every run and count the outcomes (receipts go in the report).")
  boolean wait;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Write one row per user to FILE.csv or FILE.json: line, distinct id, workflow and run"
              + " id, how the start went, outcome, HTTP status, attempts, error.")
  Path report;

  @Option(
      names = "--dry-run",
      description =
          "Read the whole input and say what would happen (how many ids, the first few, the lines"
              + " that would be skipped and why); start nothing. Needs no Temporal.")
  boolean dryRun;

  @Option(
      names = "--task-queue",
      paramLabel = "Q",
      description = "Task queue (default: $OFFBOARDING_TASK_QUEUE, else suprsend-offboarding).")
  String taskQueue;

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      defaultValue = "auto",
      description =
          "auto (a bar on a terminal, else a line every 10 s), bar, lines or none"
              + " (default: ${DEFAULT-VALUE}).")
  String progress;

  @Option(
      names = "--max-pending",
      paramLabel = "N",
      defaultValue = "500",
      description =
          "With --wait: runs started but not yet finished, at most (default: ${DEFAULT-VALUE}). Bounds"
              + " this command's memory and the open runs; raise it when many runs wait long (a"
              + " rate limit, retries).")
  int maxPending;

  @Option(
      names = "--progress-every",
      hidden = true,
      defaultValue = "PT10S",
      description = "Without a terminal: how often a progress line is printed.")
  Duration progressEvery;

  /** At most this many bad or duplicate lines are listed one by one; then only counted. */
  static final int LISTED_LINES = 100;

  private final CliContext ctx;

  BulkCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (concurrency < 1 || concurrency > 1024) {
      ctx.err().println("error: --concurrency must be 1..1024, was " + concurrency);
      return ExitCodes.USAGE;
    }
    if (maxPending < 1) {
      ctx.err().println("error: --max-pending must be at least 1");
      return ExitCodes.USAGE;
    }
    if (dryRun && report != null) {
      ctx.err().println("error: --dry-run writes no report: drop --report, or --dry-run");
      return ExitCodes.USAGE;
    }
    String mode = progress.toLowerCase(Locale.ROOT);
    if (!Map.of("auto", 1, "bar", 1, "lines", 1, "none", 1).containsKey(mode)) {
      ctx.err().println("error: --progress must be auto, bar, lines or none, was " + progress);
      return ExitCodes.USAGE;
    }

    long total = -1;
    InputStream input;
    if (file.equals("-")) {
      input = ctx.in();
    } else {
      Path path = Paths.get(file);
      try {
        total = countLines(path);
        input = Files.newInputStream(path);
      } catch (NoSuchFileException e) {
        ctx.err().println("error: no such file: " + file);
        return ExitCodes.USAGE;
      } catch (IOException e) {
        ctx.err().println("error: cannot read " + file + ": " + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    Reader reader =
        new InputStreamReader(
            input,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    IdSource source;
    try {
      source = IdSource.open(reader, column);
    } catch (IllegalArgumentException e) {
      reader.close();
      ctx.err().println("error: " + e.getMessage());
      ctx.err().println("Nothing was started.");
      return ExitCodes.USAGE;
    }
    if (dryRun) {
      try (source) {
        return new DryRun(ctx).run(source, file.equals("-") ? "standard input" : file);
      }
    }
    ReportWriter reportWriter = null;
    try (source) {
      if (report != null) {
        try {
          reportWriter = ReportWriter.open(report);
        } catch (IllegalArgumentException | IOException e) {
          ctx.err().println("error: " + e.getMessage());
          ctx.err().println("Nothing was started.");
          return ExitCodes.USAGE;
        }
      }
      try (TemporalConnection temporal = Temporal.connect(ctx)) {
        return run(temporal, source, total, reportWriter, mode, progressEvery);
      }
    } finally {
      if (reportWriter != null) {
        reportWriter.close();
      }
      ctx.stop().cleanedUp();
    }
  }

  private int run(
      TemporalConnection temporal,
      IdSource source,
      long totalLines,
      ReportWriter reportWriter,
      String mode,
      Duration every)
      throws IOException, InterruptedException {
    String queue = ctx.taskQueue(taskQueue);
    Offboardings offboardings = new Offboardings(temporal.client(), queue, ctx.idScheme());
    BulkOffboarding bulk =
        new BulkOffboarding(
            offboardings,
            new BulkOffboarding.Settings(concurrency, maxPending, wait, reason, requestedBy),
            ctx::redact);
    BulkOffboarding.Tally tally = bulk.tally();
    ctx.err()
        .println(
            "Reading "
                + (file.equals("-") ? "standard input" : file)
                + " as "
                + source.format()
                + "; starting on task queue "
                + queue
                + " at "
                + temporal.address()
                + ", "
                + concurrency
                + " at a time"
                + (wait ? ", waiting for every result" : ""));
    AtomicBoolean stopped = new AtomicBoolean();
    watchForStop(stopped);
    long dataLines = totalLines < 0 ? -1 : totalLines - (source.hasHeader() ? 1 : 0);
    Progress bar =
        mode.equals("none")
            ? null
            : new Progress(
                ctx.err(),
                mode.equals("bar") || mode.equals("auto") && Progress.isTerminal(),
                every,
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
    printSummary(tally, took);
    return exitCode(bulk, tally, stopped.get());
  }

  private int exitCode(BulkOffboarding bulk, BulkOffboarding.Tally tally, boolean stopped) {
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
        stopped || tally.notFinished.get() > 0 || tally.startErrors.get() > 0 || tally.failed() > 0;
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
    if (incomplete) {
      return ExitCodes.NOT_COMPLETED;
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

  private void printSummary(BulkOffboarding.Tally t, Duration took) {
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
    if (t.startErrors.get() > 0) {
      table.row("  could not be started", t.startErrors.get());
    }
    if (wait) {
      t.outcomes().forEach((outcome, n) -> table.row(outcome, n));
      if (t.notFinished.get() > 0) {
        table.row("not waited for (still running)", t.notFinished.get());
      }
    }
    double seconds = Math.max(0.001, took.toMillis() / 1000.0);
    table.row("time", Text.duration(took));
    long finished = wait ? t.outcomes().values().stream().mapToLong(Long::longValue).sum() : 0;
    table.row(
        wait ? "offboardings per second" : "starts per second",
        String.format(Locale.ROOT, "%.1f", (wait ? finished : t.users.get()) / seconds));
    table.print(ctx.out());
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

  /** Lines in the file (one pass over its bytes), for the progress total. */
  static long countLines(Path path) throws IOException {
    long lines = 0;
    boolean pendingLine = false;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(path)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
            pendingLine = false;
          } else {
            pendingLine = true;
          }
        }
      }
    }
    return lines + (pendingLine ? 1 : 0);
  }
}
