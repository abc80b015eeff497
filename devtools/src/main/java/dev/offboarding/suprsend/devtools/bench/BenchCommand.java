package dev.offboarding.suprsend.devtools.bench;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.cli.Offboardings;
import dev.offboarding.suprsend.cli.RunResult;
import dev.offboarding.suprsend.cli.RunWatch;
import dev.offboarding.suprsend.cli.bulk.BulkOffboarding;
import dev.offboarding.suprsend.cli.bulk.IdSource;
import dev.offboarding.suprsend.cli.bulk.ReportWriter;
import dev.offboarding.suprsend.client.SuprSendClients;
import dev.offboarding.suprsend.client.SuprSendSettings;
import dev.offboarding.suprsend.client.SuprSendUserApi;
import dev.offboarding.suprsend.devtools.Logs;
import dev.offboarding.suprsend.devtools.bench.floor.FloorWorker;
import dev.offboarding.suprsend.devtools.realserver.TemporalCli;
import dev.offboarding.suprsend.sandbox.SandboxStats;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.worker.WorkerTuning;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
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

  @Option(names = "--quick", description = "Smaller sizes: ends within about 3 minutes.")
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

  /** Task queue of the floor workflow (served by the bench's worker JVM). */
  static final String FLOOR_QUEUE = "bench-floor";

  /** Runs whose history is fetched to count its events and bytes. */
  static final int HISTORY_SAMPLE = 5;

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
      if (real) {
        realSuite(cli, tuning, sizes, report);
      } else {
        testServerSuite(tuning, sizes, report);
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

  /** What users run: the real dev server, the worker in its own JVM, the bulk engine. */
  private void realSuite(Path cli, Map<String, String> tuning, Sizes sizes, BenchReport report)
      throws Exception {
    progress("starting the Temporal dev server and the worker JVM");
    try (BenchRig rig = BenchRig.start(BenchRig.Transport.REAL, tuning, cli)) {
      String queue = "bench";
      ChildWorker worker =
          rig.startChildWorker(queue, Map.of(FloorWorker.TASK_QUEUE_VARIABLE, FLOOR_QUEUE));
      Pollers.await(rig.client(), queue, 1);
      Pollers.await(rig.client(), FLOOR_QUEUE, 1);
      if (runs("s1")) {
        progress("S1 latency: " + sizes.s1() + " offboardings one after another");
        latency(rig, queue, sizes.s1(), report);
      }
      if (runs("s2")) {
        progress(
            "S2 floor vs ours: "
                + sizes.s2()
                + " users each at "
                + LATENCY.toMillis()
                + " ms, same server and worker");
        floorAndOurs(rig, worker, queue, sizes.s2(), report);
      }
      if (runs("s3")) {
        progress(
            "S3 rate limit: "
                + sizes.s3()
                + " users against "
                + S3_RATE
                + " req/s, limit enforced by the server for two worker JVMs");
        String s3 = "bench-s3";
        // The task-queue limit only: the server paces both workers, neither paces itself.
        Map<String, String> limit =
            Map.of(
                WorkerTuning.MAX_REQUESTS_PER_SECOND,
                String.valueOf(S3_RATE),
                WorkerTuning.WORKER_REQUESTS_PER_SECOND,
                "0");
        rig.startChildWorker(s3, limit);
        rig.startChildWorker(s3, limit);
        Pollers.await(rig.client(), s3, 2);
        rateLimit(rig, s3, sizes.s3(), report);
      }
      if (runs("s4")) {
        progress("S4 memory: the worker JVM after " + sizes.s4Small() + " then " + sizes.s4Large());
        rig.sandbox().setLatency(Duration.ZERO);
        rig.sandbox().addUsers(ids("s4-", sizes.s4Large()));
        offboard(rig, queue, "s4-", sizes.s4Small(), report, null);
        ChildWorker.Memory small = worker.measure();
        offboard(rig, queue, "s4-", sizes.s4Large(), report, null);
        ChildWorker.Memory large = worker.measure();
        report.s4(sizes.s4Small(), small, sizes.s4Large(), large);
      }
    }
  }

  /** The earlier suite: Temporal's Java test server, the worker in this JVM. */
  private void testServerSuite(Map<String, String> tuning, Sizes sizes, BenchReport report)
      throws Exception {
    try (BenchRig rig = BenchRig.start(transport, tuning, null)) {
      if (runs("s1")) {
        progress("S1 latency: " + sizes.s1() + " offboardings one after another");
        rig.startWorker("bench-s1", Map.of());
        latency(rig, "bench-s1", sizes.s1(), report);
      }
      if (runs("s2")) {
        progress("S2 throughput: " + sizes.s2() + " users at " + LATENCY.toMillis() + " ms");
        throughput(rig, sizes, report);
      }
      if (runs("s3")) {
        progress("S3 rate limit: " + sizes.s3() + " users against " + S3_RATE + " req/s");
        rig.startWorker(
            "bench-s3", Map.of(WorkerTuning.MAX_REQUESTS_PER_SECOND, String.valueOf(S3_RATE)));
        rateLimit(rig, "bench-s3", sizes.s3(), report);
      }
    }
    if (runs("s4")) {
      progress(
          "S4 memory: worker in its own JVM, "
              + sizes.s4Small()
              + " then "
              + sizes.s4Large()
              + " users");
      memory(tuning, sizes, report);
    }
  }

  // S2 on the real topology: the floor, then ours, on the same server and worker JVM.
  private void floorAndOurs(
      BenchRig rig, ChildWorker worker, String queue, int n, BenchReport report) throws Exception {
    SuprSendSandbox sandbox = rig.sandbox();
    sandbox.setLatency(LATENCY);
    List<String> floorIds = ids("floor-", n);
    sandbox.addUsers(floorIds);
    sandbox.addUsers(ids("s2-", n));
    int warm = warmUpSize(n);
    sandbox.addUsers(ids("warm-floor-", warm));
    FloorDriver.run(rig.client(), FLOOR_QUEUE, ids("warm-floor-", warm), concurrency, maxPending);
    warmUp(rig, queue, warm);

    CpuMark mark = CpuMark.now(rig, worker);
    long t = System.nanoTime();
    long failed = FloorDriver.run(rig.client(), FLOOR_QUEUE, floorIds, concurrency, maxPending);
    RunCost floor = mark.cost(n, (System.nanoTime() - t) / 1e9);
    if (failed > 0) {
      report.problem("floor: " + failed + " of " + n + " runs failed");
    }
    List<String> floorSample =
        floorIds.stream()
            .limit(HISTORY_SAMPLE)
            .map(id -> FloorDriver.WORKFLOW_ID_PREFIX + id)
            .toList();
    floor = HistorySample.of(rig.client(), floorSample, floor);

    List<String> oursSample = new ArrayList<>();
    mark = CpuMark.now(rig, worker);
    double seconds = offboard(rig, queue, "s2-", n, report, oursSample);
    RunCost ours = HistorySample.of(rig.client(), oursSample, mark.cost(n, seconds));
    report.floorAndOurs(floor, ours);
  }

  /** CPU of the server, the worker JVM and the client (this JVM without the sandbox) at a time. */
  private record CpuMark(BenchRig rig, ChildWorker worker, long server, long work, long client) {
    static CpuMark now(BenchRig rig, ChildWorker worker) {
      return new CpuMark(
          rig,
          worker,
          ProcessCpu.nanos(rig.serverPid()),
          ProcessCpu.nanos(worker.pid()),
          clientNanos());
    }

    RunCost cost(int n, double seconds) {
      return new RunCost(
          n,
          seconds,
          ProcessCpu.nanos(rig.serverPid()) - server,
          ProcessCpu.nanos(worker.pid()) - work,
          clientNanos() - client,
          0,
          0);
    }

    private static long clientNanos() {
      return BenchReport.processCpuNanos()
          - ProcessCpu.threadNanos("suprsend-sandbox-", "HTTP-Dispatcher");
    }
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

  // S1: single offboardings one after another, start to receipt, vs the same raw call.
  private void latency(BenchRig rig, String queue, int n, BenchReport report) {
    rig.sandbox().setLatency(Duration.ZERO);
    SuprSendUserApi api = rawApi(rig.sandbox());
    List<String> ids = ids("s1-", n + n + 10);
    rig.sandbox().addUsers(ids);
    Offboardings offboardings = new Offboardings(rig.client(), queue);
    RunWatch watch = new RunWatch(rig.client());
    // Warm-up: class loading and JIT for both paths.
    for (int i = 0; i < 10; i++) {
      watch.await(
          offboardings.start(ids.get(n + n + i), null, "bench"), Duration.ofSeconds(30), l -> {});
    }
    long[] endToEnd = new long[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      RunResult r =
          watch.await(
              offboardings.start(ids.get(i), null, "bench"), Duration.ofSeconds(30), l -> {});
      endToEnd[i] = System.nanoTime() - t;
      if (!r.isCompleted()) {
        report.problem("S1: " + ids.get(i) + " did not complete: " + r.error());
      }
    }
    long[] raw = new long[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      api.deleteUser(ids.get(n + i));
      raw[i] = System.nanoTime() - t;
    }
    report.s1(n, new Percentiles(endToEnd), new Percentiles(raw));
  }

  // S2: throughput through workflows vs a sequential loop and 64 raw threads.
  private void throughput(BenchRig rig, Sizes sizes, BenchReport report) throws Exception {
    String queue = "bench-s2";
    rig.sandbox().setLatency(LATENCY);
    rig.startWorker(queue, Map.of());
    int n = sizes.s2();
    rig.sandbox().addUsers(ids("s2-", n));
    warmUp(rig, queue, warmUpSize(n));
    long cpuBefore = BenchReport.processCpuNanos();
    double seconds = offboard(rig, queue, "s2-", n, report, null);
    double cpuMsPerOffboarding = (BenchReport.processCpuNanos() - cpuBefore) / 1e6 / n;
    double workflowsPerSecond = n / seconds;

    SuprSendUserApi api = rawApi(rig.sandbox());
    List<String> sequentialIds = ids("s2-seq-", sizes.s2Sequential());
    rig.sandbox().addUsers(sequentialIds);
    long t = System.nanoTime();
    for (String id : sequentialIds) {
      api.deleteUser(id);
    }
    double sequentialPerSecond = sequentialIds.size() / ((System.nanoTime() - t) / 1e9);

    List<String> parallelIds = ids("s2-par-", n);
    rig.sandbox().addUsers(parallelIds);
    ExecutorService threads = Executors.newFixedThreadPool(64);
    try {
      t = System.nanoTime();
      List<Future<?>> calls = new ArrayList<>();
      for (String id : parallelIds) {
        calls.add(threads.submit(() -> api.deleteUser(id)));
      }
      for (Future<?> call : calls) {
        call.get();
      }
    } finally {
      threads.shutdownNow();
    }
    double parallelPerSecond = n / ((System.nanoTime() - t) / 1e9);
    report.s2(n, workflowsPerSecond, sequentialPerSecond, parallelPerSecond, cpuMsPerOffboarding);
  }

  // S3: a sandbox limit of 100 req/s and the worker limit set to match.
  private void rateLimit(BenchRig rig, String queue, int n, BenchReport report) throws Exception {
    SuprSendSandbox sandbox = rig.sandbox();
    sandbox.setLatency(LATENCY);
    warmUp(rig, queue, warmUpSize(n));
    sandbox.reset();
    sandbox.addUsers(ids("s3-", n));
    sandbox.setRateLimit(S3_RATE);
    double seconds = offboard(rig, queue, "s3-", n, report, null);
    SandboxStats stats = sandbox.stats();
    sandbox.setRateLimit(0);
    double ideal = n / (double) S3_RATE;
    report.s3(n, S3_RATE, seconds, ideal, stats.requests(), stats.rateLimited());
  }

  // S4: the worker's heap after GC and peak RSS after N small, then N large offboardings.
  private void memory(Map<String, String> tuning, Sizes sizes, BenchReport report)
      throws Exception {
    try (BenchRig rig = BenchRig.start(BenchRig.Transport.PORT, tuning, null)) {
      String queue = "bench-s4";
      Map<String, String> env =
          rig.workerEnv(
              queue, Map.of("OFFBOARDING_METRICS_PORT", "0", "OFFBOARDING_LOG_LEVEL", "WARN"));
      try (ChildWorker worker = ChildWorker.start(env)) {
        rig.sandbox().setLatency(Duration.ZERO);
        rig.sandbox().addUsers(ids("s4-", sizes.s4Large()));
        offboard(rig, queue, "s4-", sizes.s4Small(), report, null);
        ChildWorker.Memory small = worker.measure();
        // the first ones are already done
        offboard(rig, queue, "s4-", sizes.s4Large(), report, null);
        ChildWorker.Memory large = worker.measure();
        report.s4(sizes.s4Small(), small, sizes.s4Large(), large);
      }
    }
  }

  /** A few offboardings so that the first measured ones do not pay for class loading. */
  private void warmUp(BenchRig rig, String queue, int n) throws Exception {
    rig.sandbox().addUsers(ids("warm-" + queue + "-", n));
    offboard(rig, queue, "warm-" + queue + "-", n, null, null);
  }

  /** 50 warm-up runs, fewer for the tiny sizes of the test. */
  private static int warmUpSize(int measured) {
    return Math.min(50, measured);
  }

  /**
   * Offboards {@code prefix0..prefix(n-1)} through the bulk engine (what {@code ./offboard bulk
   * --wait} does) and returns the seconds until every result was in; the workflow ids of the first
   * {@link #HISTORY_SAMPLE} results go to {@code sample} when it is not null.
   */
  private double offboard(
      BenchRig rig, String queue, String prefix, int n, BenchReport report, List<String> sample)
      throws IOException, InterruptedException {
    BulkOffboarding bulk =
        new BulkOffboarding(
            new Offboardings(rig.client(), queue),
            new RunWatch(rig.client()),
            new BulkOffboarding.Settings(
                concurrency, maxPending, true, null, "bench", Offboardings.Again.NEVER),
            ctx::redact);
    long t = System.nanoTime();
    try (IdSource source = IdSource.open(GeneratedIds.of(prefix, n), null)) {
      bulk.run(source, () -> false, new QuietEvents(sample));
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    BulkOffboarding.Tally tally = bulk.tally();
    long completed = tally.completed();
    if (report != null && completed != n) {
      report.problem(
          prefix + ": " + completed + " of " + n + " completed; outcomes " + tally.outcomes());
    }
    return seconds;
  }

  private static SuprSendUserApi rawApi(SuprSendSandbox sandbox) {
    return SuprSendClients.userApi(SuprSendSettings.of(sandbox.baseUrl(), sandbox.apiKey()));
  }

  private static List<String> ids(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  private void progress(String line) {
    ctx.err().println("bench: " + line);
    ctx.err().flush();
  }

  private static final class QuietEvents implements BulkOffboarding.Events {
    private final List<String> sample;

    QuietEvents(List<String> sample) {
      this.sample = sample;
    }

    @Override
    public void badLine(long line, String problem) {}

    @Override
    public void duplicate(long line, String distinctId) {}

    @Override
    public void row(ReportWriter.Row row) {
      if (sample != null && row.workflowId() != null) {
        synchronized (sample) {
          if (sample.size() < HISTORY_SAMPLE) {
            sample.add(row.workflowId());
          }
        }
      }
    }
  }
}
