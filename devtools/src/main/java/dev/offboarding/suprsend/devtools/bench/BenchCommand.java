package dev.offboarding.suprsend.devtools.bench;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.devtools.Logs;
import dev.offboarding.suprsend.devtools.realserver.TemporalCli;
import dev.offboarding.suprsend.worker.WorkerTuning;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./offboard bench}: the benchmark suite, all scenarios in one run, on the topology users
 * run (the real Temporal dev server in its own process, the worker in its own JVM, the bulk engine
 * as the client, the SuprSend sandbox in this JVM), beside Temporal's floor measured on the same
 * server and worker. Prints a table (or one JSON line) and writes docs/benchmarks.md. {@code
 * --server test} runs the earlier suite on Temporal's Java test server in this JVM.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run the benchmark suite on the real Temporal dev server (its own process), the worker"
          + " (its own JVM) and the SuprSend sandbox: S1 latency, S2 throughput and CPU per"
          + " offboarding beside Temporal's floor (one workflow, one DELETE), S3 the rate limit"
          + " with two workers, S4 worker memory. Prints a table and writes the figures to"
          + " --output.",
      "Figures depend on the machine and on what else runs on it: run it on a quiet machine"
          + " (the load average is recorded)."
    })
public final class BenchCommand implements Callable<Integer> {

  @Option(names = "--quick", description = "Smaller sizes: ends within about 4 minutes.")
  boolean quick;

  @Option(names = "--json", description = "Print only one JSON line of the key figures.")
  boolean json;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      defaultValue = "docs/benchmarks.md",
      description = "Where the figures go (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--scale", hidden = true, defaultValue = "1", description = "Size factor.")
  double scale;

  @Option(
      names = "--server",
      defaultValue = "real",
      description =
          "real (default): the real Temporal dev server in its own process and the worker in its"
              + " own JVM, what users run; test: Temporal's Java test server and the worker in this"
              + " JVM (the earlier figures; they are not written to --output).")
  String server;

  @Option(
      names = "--transport",
      hidden = true,
      defaultValue = "INPROC",
      description = "With --server test: INPROC or PORT, how the client and worker reach it.")
  BenchRig.Transport transport;

  @Option(
      names = "--concurrency",
      hidden = true,
      defaultValue = "32",
      description = "Starts in flight (the bulk engine's --concurrency).")
  int concurrency;

  @Option(
      names = "--max-pending",
      hidden = true,
      defaultValue = "200",
      description = "Runs open at once (the bulk engine's --max-pending).")
  int maxPending;

  @Option(names = "--only", hidden = true, description = "Run only these scenarios (s1,s2,...).")
  String only;

  /** Sandbox latency for S2 and S3. */
  public static final Duration LATENCY = Duration.ofMillis(50);

  public static final int S3_RATE = 100;

  private final CliContext ctx;

  public BenchCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Sizes of one run. */
  record Sizes(int s1, int s2, int s2Sequential, int s3, int s4Small, int s4Large) {
    static Sizes of(boolean quick, double scale) {
      Sizes base =
          quick
              ? new Sizes(200, 1_000, 60, 600, 1_000, 3_000)
              : new Sizes(200, 5_000, 200, 2_000, 10_000, 50_000);
      return new Sizes(
          scaled(base.s1, scale),
          scaled(base.s2, scale),
          scaled(base.s2Sequential, scale),
          scaled(base.s3, scale),
          scaled(base.s4Small, scale),
          Math.max(scaled(base.s4Large, scale), scaled(base.s4Small, scale) + 1));
    }

    private static int scaled(int n, double scale) {
      return Math.max(5, (int) Math.round(n * scale));
    }
  }

  @Override
  public Integer call() throws Exception {
    boolean real = !"test".equalsIgnoreCase(server);
    if (real && !"real".equalsIgnoreCase(server)) {
      ctx.err().println("bench: --server is real or test, not " + server);
      return ExitCodes.USAGE;
    }
    Path cli = null;
    if (real) {
      cli = TemporalCli.locate(ctx.env()).orElse(null);
      if (cli == null) {
        ctx.err()
            .println(
                "bench: no Temporal CLI found: run ./offboard install-temporal (or set"
                    + " TEMPORAL_CLI), or measure the test server with --server test");
        return ExitCodes.USAGE;
      }
    }
    Sizes sizes = Sizes.of(quick, scale);
    double loadBefore = BenchReport.loadAverage();
    Runnable restoreLogs = Logs.quiet(ctx);
    String where =
        real
            ? "real dev server (`temporal server start-dev --headless`, in memory, CLI "
                + TemporalCli.VERSION
                + ") in its own process over TCP; worker in its own JVM; client and sandbox in"
                + " the bench JVM"
            : "Java test server, " + transport.name() + ", worker and client in the bench JVM";
    BenchReport report = new BenchReport(quick, sizes.toString(), where, real, loadBefore);
    long started = System.nanoTime();
    try {
      Map<String, String> tuning = tuningFromEnvironment();
      SuiteContext context =
          new SuiteContext(
              new BulkDriver(concurrency, maxPending, ctx::redact), this::runs, this::progress);
      if (real) {
        new RealServerSuite(context).run(cli, tuning, sizes, report);
      } else {
        new TestServerSuite(context).run(transport, tuning, sizes, report);
      }
    } finally {
      restoreLogs.run();
    }
    report.finish(Duration.ofNanos(System.nanoTime() - started), BenchReport.loadAverage());
    if (json) {
      report.table().print(ctx.err());
      ctx.out().println(report.json());
      ctx.out().flush();
    } else {
      report.table().print(ctx.out());
    }
    if (real) {
      try {
        report.write(output);
        ctx.err().println("Figures written to " + output);
      } catch (IOException e) {
        ctx.err().println("warning: could not write " + output + ": " + e.getMessage());
      }
    }
    return report.problems().isEmpty() ? ExitCodes.OK : ExitCodes.NOT_COMPLETED;
  }

  private boolean runs(String scenario) {
    return only == null || List.of(only.toLowerCase(Locale.ROOT).split(",")).contains(scenario);
  }

  /** The caller's tuning variables (never its SuprSend key or Temporal address). */
  private Map<String, String> tuningFromEnvironment() {
    Map<String, String> tuning = new HashMap<>();
    for (var variable : WorkerTuning.VARIABLES) {
      String value = ctx.getenv(variable.name());
      if (value != null) {
        tuning.put(variable.name(), value);
      }
    }
    return tuning;
  }

  private void progress(String line) {
    ctx.err().println("bench: " + line);
    ctx.err().flush();
  }
}
