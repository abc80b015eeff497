package dev.offboarding.suprsend.devtools.bench;

import dev.offboarding.suprsend.devtools.bench.floor.FloorWorker;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.worker.WorkerTuning;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The suite on what users run: the real dev server in its own process, the production worker in its
 * own JVM (which also serves Temporal's floor), the bulk engine as the client.
 */
final class RealServerSuite {

  /** Task queue of the floor workflow (served by the bench's worker JVM). */
  static final String FLOOR_QUEUE = "bench-floor";

  private final BulkDriver driver;
  private final Predicate<String> runs;
  private final Consumer<String> progress;

  RealServerSuite(SuiteContext context) {
    this.driver = context.driver();
    this.runs = context.runs();
    this.progress = context.progress();
  }

  void run(Path cli, Map<String, String> tuning, BenchCommand.Sizes sizes, BenchReport report)
      throws Exception {
    progress.accept("starting the Temporal dev server and the worker JVM");
    try (BenchRig rig = BenchRig.start(BenchRig.Transport.REAL, tuning, cli)) {
      String queue = "bench";
      ChildWorker worker =
          rig.startChildWorker(queue, Map.of(FloorWorker.TASK_QUEUE_VARIABLE, FLOOR_QUEUE));
      Pollers.await(rig.client(), queue, 1);
      Pollers.await(rig.client(), FLOOR_QUEUE, 1);
      if (runs.test("s1")) {
        progress.accept("S1 latency: " + sizes.s1() + " offboardings one after another");
        LatencyScenario.run(rig, queue, sizes.s1(), report);
      }
      OptionalDouble capacity = OptionalDouble.empty();
      if (runs.test("s2")) {
        progress.accept(
            "S2 floor vs ours: "
                + sizes.s2()
                + " users each at "
                + BenchCommand.LATENCY.toMillis()
                + " ms, same server and worker");
        capacity = OptionalDouble.of(floorAndOurs(rig, worker, queue, sizes.s2(), report));
      }
      if (runs.test("s3")) {
        rateLimit(rig, sizes, capacity, report);
      }
      if (runs.test("s4")) {
        progress.accept(
            "S4 memory: the worker JVM after " + sizes.s4Small() + " then " + sizes.s4Large());
        MemoryScenario.run(driver, rig, queue, worker, sizes, report);
      }
    }
  }

  // S2: the floor, then ours, on the same server and worker JVM; returns ours per second.
  private double floorAndOurs(
      BenchRig rig, ChildWorker worker, String queue, int n, BenchReport report) throws Exception {
    SuprSendSandbox sandbox = rig.sandbox();
    sandbox.setLatency(BenchCommand.LATENCY);
    List<String> floorIds = BulkDriver.ids("floor-", n);
    sandbox.addUsers(floorIds);
    sandbox.addUsers(BulkDriver.ids("s2-", n));
    int warm = BulkDriver.warmUpSize(n);
    List<String> warmFloor = BulkDriver.ids("warm-floor-", warm);
    sandbox.addUsers(warmFloor);
    FloorDriver.run(
        rig.client(), FLOOR_QUEUE, warmFloor, driver.concurrency(), driver.maxPending());
    driver.warmUp(rig, queue, n);

    CpuMark mark = CpuMark.now(rig, worker);
    long t = System.nanoTime();
    long failed =
        FloorDriver.run(
            rig.client(), FLOOR_QUEUE, floorIds, driver.concurrency(), driver.maxPending());
    RunCost floor = mark.cost(n, (System.nanoTime() - t) / 1e9);
    if (failed > 0) {
      report.problem("floor: " + failed + " of " + n + " runs failed");
    }
    List<String> floorSample =
        floorIds.stream()
            .limit(BulkDriver.HISTORY_SAMPLE)
            .map(id -> FloorDriver.WORKFLOW_ID_PREFIX + id)
            .toList();
    floor = HistorySample.of(rig.client(), floorSample, floor);

    List<String> oursSample = new ArrayList<>();
    mark = CpuMark.now(rig, worker);
    double seconds = driver.offboard(rig, queue, "s2-", n, report, oursSample);
    RunCost ours = HistorySample.of(rig.client(), oursSample, mark.cost(n, seconds));
    report.floorAndOurs(floor, ours);
    return ours.perSecond();
  }

  // S3: two worker JVMs configured as configuration.md says; at the 100 req/s and, where
  // S2 showed this machine slower than that, at a rate within it.
  private void rateLimit(
      BenchRig rig, BenchCommand.Sizes sizes, OptionalDouble capacity, BenchReport report)
      throws Exception {
    progress.accept(
        "S3 rate limit: "
            + sizes.s3()
            + " users against "
            + BenchCommand.S3_RATE
            + " req/s, two worker JVMs with SUPRSEND_MAX_REQUESTS_PER_SECOND="
            + BenchCommand.S3_RATE);
    OptionalDouble within = withinCapacity(capacity);
    report.s3(
        rateLimitPass(rig, "s3", sizes.s3(), BenchCommand.S3_RATE, report), within.isPresent());
    if (within.isPresent()) {
      int rate = (int) within.getAsDouble();
      // Three times the seconds of the pass above, so that start and end weigh as little.
      int n = Math.max(5, (int) Math.round(sizes.s3() * rate * 3.0 / BenchCommand.S3_RATE));
      progress.accept(
          "S3 within this machine's capacity: " + n + " users against " + rate + " req/s");
      report.s3WithinCapacity(rateLimitPass(rig, "s3-" + rate, n, rate, report));
    }
  }

  /**
   * One S3 pass on a task queue of its own, served by two worker JVMs started with {@code
   * SUPRSEND_MAX_REQUESTS_PER_SECOND} set to the rate, which stop after it: the server enforces the
   * total, each worker paces at its share.
   */
  private RateLimitScenario.Result rateLimitPass(
      BenchRig rig, String name, int n, int rate, BenchReport report) throws Exception {
    String queue = "bench-" + name;
    // What configuration.md tells users: the limit for all workers on every replica, nothing else.
    Map<String, String> limit = Map.of(WorkerTuning.MAX_REQUESTS_PER_SECOND, String.valueOf(rate));
    ChildWorker one = rig.startChildWorker(queue, limit);
    ChildWorker two = rig.startChildWorker(queue, limit);
    try {
      Pollers.await(rig.client(), queue, 2);
      return RateLimitScenario.run(driver, rig, queue, name + "-", n, rate, report);
    } finally {
      one.close();
      two.close();
    }
  }

  /**
   * A rate this machine can serve when S2 showed it slower than {@link BenchCommand#S3_RATE} with a
   * tenth to spare: half of S2's offboardings per second, in steps of 5, at least 5.
   */
  static OptionalDouble withinCapacity(OptionalDouble capacity) {
    if (capacity.isEmpty() || capacity.getAsDouble() * 10 >= BenchCommand.S3_RATE * 11) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Math.max(5, Math.floor(capacity.getAsDouble() / 2 / 5) * 5));
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
}
