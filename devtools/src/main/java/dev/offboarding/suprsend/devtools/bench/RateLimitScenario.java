package dev.offboarding.suprsend.devtools.bench;

import dev.offboarding.suprsend.sandbox.SandboxStats;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import java.io.IOException;

/**
 * S3: users against a sandbox limit of {@code rate} requests/s (token bucket, burst 10) at {@link
 * BenchCommand#LATENCY}, served by the workers already polling {@code queue} with their limit set
 * to the same rate: wall time against the ideal {@code n / rate}, and the requests answered 429.
 */
final class RateLimitScenario {

  /** SuprSend's burst in the sandbox, in requests: what it allows at 100 requests/s. */
  static final double BURST = 10;

  /** What one pass measured. */
  record Result(int n, int rate, double seconds, long requests, long rateLimited) {
    double ideal() {
      return n / (double) rate;
    }
  }

  private RateLimitScenario() {}

  static Result run(
      BulkDriver driver,
      BenchRig rig,
      String queue,
      String prefix,
      int n,
      int rate,
      BenchReport report)
      throws IOException, InterruptedException {
    SuprSendSandbox sandbox = rig.sandbox();
    sandbox.setLatency(BenchCommand.LATENCY);
    driver.warmUp(rig, queue, n);
    sandbox.reset();
    sandbox.addUsers(BulkDriver.ids(prefix, n));
    sandbox.setRateLimit(rate, BURST);
    try {
      double seconds = driver.offboard(rig, queue, prefix, n, report, null);
      SandboxStats stats = sandbox.stats();
      return new Result(n, rate, seconds, stats.requests(), stats.rateLimited());
    } finally {
      sandbox.setRateLimit(0);
    }
  }
}
