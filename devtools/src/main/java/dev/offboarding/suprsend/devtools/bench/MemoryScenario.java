package dev.offboarding.suprsend.devtools.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * S4: the worker JVM's heap after a full GC and its peak RSS after the small count, then after the
 * large count of offboardings, at latency 0.
 */
final class MemoryScenario {

  private MemoryScenario() {}

  static void run(
      BulkDriver driver,
      BenchRig rig,
      String queue,
      ChildWorker worker,
      BenchCommand.Sizes sizes,
      BenchReport report)
      throws IOException, InterruptedException {
    rig.sandbox().setLatency(Duration.ZERO);
    rig.sandbox().addUsers(BulkDriver.ids("s4-", sizes.s4Large()));
    driver.offboard(rig, queue, "s4-", sizes.s4Small(), report, null);
    ChildWorker.Memory small = worker.measure();
    // the first ones are already done
    driver.offboard(rig, queue, "s4-", sizes.s4Large(), report, null);
    ChildWorker.Memory large = worker.measure();
    report.s4(sizes.s4Small(), small, sizes.s4Large(), large);
  }
}
