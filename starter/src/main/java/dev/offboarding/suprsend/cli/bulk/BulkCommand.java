package dev.offboarding.suprsend.cli.bulk;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.cli.Offboardings;
import dev.offboarding.suprsend.cli.Temporal;
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
      names = "--again",
      description =
          "Also start users whose last run a person called off (REJECTED, CANCELLED, ABORTED);"
              + " after a rejection the new run waits for approval again. Without it such users"
              + " are not started (\"called off earlier: not started\", exit code 3).")
  boolean again;

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
    if (report != null && ReportWriter.problemWith(report) != null) {
      ctx.err().println("error: " + ReportWriter.problemWith(report));
      ctx.err().println("Nothing was started.");
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
        return new DryRun(ctx).run(source, inputName());
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
      BulkRun.Plan plan =
          new BulkRun.Plan(
              inputName(),
              ctx.taskQueue(taskQueue),
              new BulkOffboarding.Settings(
                  concurrency,
                  maxPending,
                  wait,
                  reason,
                  requestedBy,
                  again ? Offboardings.Again.KEEP_APPROVAL : Offboardings.Again.NEVER),
              mode,
              progressEvery,
              report);
      try (TemporalConnection temporal = Temporal.connect(ctx)) {
        return new BulkRun(ctx, plan).run(temporal, source, total, reportWriter);
      }
    } finally {
      if (reportWriter != null) {
        reportWriter.close();
      }
      ctx.stop().cleanedUp();
    }
  }

  private String inputName() {
    return file.equals("-") ? "standard input" : file;
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
