package dev.offboarding.suprsend.devtools.bench;

import dev.offboarding.suprsend.client.SuprSendUserApi;
import dev.offboarding.suprsend.worker.WorkerTuning;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The earlier suite ({@code --server test}): Temporal's Java test server and the worker in the
 * bench JVM, S2 against a sequential loop and raw parallel calls, S4 in a worker JVM of its own.
 */
final class TestServerSuite {

  private final BulkDriver driver;
  private final Predicate<String> runs;
  private final Consumer<String> progress;

  TestServerSuite(SuiteContext context) {
    this.driver = context.driver();
    this.runs = context.runs();
    this.progress = context.progress();
  }

  void run(
      BenchRig.Transport transport,
      Map<String, String> tuning,
      BenchCommand.Sizes sizes,
      BenchReport report)
      throws Exception {
    try (BenchRig rig = BenchRig.start(transport, tuning, null)) {
      if (runs.test("s1")) {
        progress.accept("S1 latency: " + sizes.s1() + " offboardings one after another");
        rig.startWorker("bench-s1", Map.of());
        LatencyScenario.run(rig, "bench-s1", sizes.s1(), report);
      }
      if (runs.test("s2")) {
        progress.accept(
            "S2 throughput: "
                + sizes.s2()
                + " users at "
                + BenchCommand.LATENCY.toMillis()
                + " ms");
        throughput(rig, sizes, report);
      }
      if (runs.test("s3")) {
        progress.accept(
            "S3 rate limit: " + sizes.s3() + " users against " + BenchCommand.S3_RATE + " req/s");
        rig.startWorker(
            "bench-s3",
            Map.of(WorkerTuning.MAX_REQUESTS_PER_SECOND, String.valueOf(BenchCommand.S3_RATE)));
        report.s3(
            RateLimitScenario.run(
                driver, rig, "bench-s3", "s3-", sizes.s3(), BenchCommand.S3_RATE, report),
            false);
      }
    }
    if (runs.test("s4")) {
      progress.accept(
          "S4 memory: worker in its own JVM, "
              + sizes.s4Small()
              + " then "
              + sizes.s4Large()
              + " users");
      memory(tuning, sizes, report);
    }
  }

  // S2: throughput through workflows vs a sequential loop and 64 raw threads.
  private void throughput(BenchRig rig, BenchCommand.Sizes sizes, BenchReport report)
      throws Exception {
    String queue = "bench-s2";
    rig.sandbox().setLatency(BenchCommand.LATENCY);
    rig.startWorker(queue, Map.of());
    int n = sizes.s2();
    rig.sandbox().addUsers(BulkDriver.ids("s2-", n));
    driver.warmUp(rig, queue, n);
    long cpuBefore = BenchReport.processCpuNanos();
    double seconds = driver.offboard(rig, queue, "s2-", n, report, null);
    double cpuMsPerOffboarding = (BenchReport.processCpuNanos() - cpuBefore) / 1e6 / n;
    double workflowsPerSecond = n / seconds;

    SuprSendUserApi api = LatencyScenario.rawApi(rig.sandbox());
    List<String> sequentialIds = BulkDriver.ids("s2-seq-", sizes.s2Sequential());
    rig.sandbox().addUsers(sequentialIds);
    long t = System.nanoTime();
    for (String id : sequentialIds) {
      api.deleteUser(id);
    }
    double sequentialPerSecond = sequentialIds.size() / ((System.nanoTime() - t) / 1e9);

    List<String> parallelIds = BulkDriver.ids("s2-par-", n);
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

  // S4: the worker's heap after GC and peak RSS after N small, then N large offboardings.
  private void memory(Map<String, String> tuning, BenchCommand.Sizes sizes, BenchReport report)
      throws Exception {
    try (BenchRig rig = BenchRig.start(BenchRig.Transport.PORT, tuning, null)) {
      String queue = "bench-s4";
      Map<String, String> env =
          rig.workerEnv(
              queue, Map.of("OFFBOARDING_METRICS_PORT", "0", "OFFBOARDING_LOG_LEVEL", "WARN"));
      try (ChildWorker worker = ChildWorker.start(env)) {
        MemoryScenario.run(driver, rig, queue, worker, sizes, report);
      }
    }
  }
}
