package dev.offboarding.suprsend.devtools.bench;

import dev.offboarding.suprsend.cli.Offboardings;
import dev.offboarding.suprsend.cli.RunResult;
import dev.offboarding.suprsend.cli.RunWatch;
import dev.offboarding.suprsend.client.SuprSendClients;
import dev.offboarding.suprsend.client.SuprSendSettings;
import dev.offboarding.suprsend.client.SuprSendUserApi;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import java.time.Duration;
import java.util.List;

/**
 * S1: single offboardings one after another, start to receipt, against the same DELETE sent
 * directly with the worker's Feign client; the sandbox answers at once, so the difference is the
 * overhead.
 */
final class LatencyScenario {

  private LatencyScenario() {}

  static void run(BenchRig rig, String queue, int n, BenchReport report) {
    rig.sandbox().setLatency(Duration.ZERO);
    SuprSendUserApi api = rawApi(rig.sandbox());
    List<String> ids = BulkDriver.ids("s1-", n + n + 10);
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

  /** The worker's Feign client for the sandbox, without Temporal. */
  static SuprSendUserApi rawApi(SuprSendSandbox sandbox) {
    return SuprSendClients.userApi(SuprSendSettings.of(sandbox.baseUrl(), sandbox.apiKey()));
  }
}
