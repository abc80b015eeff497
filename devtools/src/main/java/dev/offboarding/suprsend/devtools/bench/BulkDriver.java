package dev.offboarding.suprsend.devtools.bench;

import dev.offboarding.suprsend.cli.Offboardings;
import dev.offboarding.suprsend.cli.RunWatch;
import dev.offboarding.suprsend.cli.bulk.BulkOffboarding;
import dev.offboarding.suprsend.cli.bulk.IdSource;
import dev.offboarding.suprsend.cli.bulk.ReportWriter;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Offboards generated users through the bulk engine, what {@code ./offboard bulk --wait} runs, with
 * the bench's {@code --concurrency} and {@code --max-pending}: the client of every scenario.
 */
final class BulkDriver {

  /** Runs whose history is fetched to count its events and bytes. */
  static final int HISTORY_SAMPLE = 5;

  private final int concurrency;
  private final int maxPending;
  private final BulkOffboarding.Redactor redact;

  BulkDriver(int concurrency, int maxPending, BulkOffboarding.Redactor redact) {
    this.concurrency = concurrency;
    this.maxPending = maxPending;
    this.redact = redact;
  }

  int concurrency() {
    return concurrency;
  }

  int maxPending() {
    return maxPending;
  }

  /**
   * Offboards {@code prefix0..prefix(n-1)} and returns the seconds until every result was in; a run
   * that did not complete is a problem in {@code report} (when it is not null), and the workflow
   * ids of the first {@link #HISTORY_SAMPLE} results go to {@code sample} (when it is not null).
   */
  double offboard(
      BenchRig rig, String queue, String prefix, int n, BenchReport report, List<String> sample)
      throws IOException, InterruptedException {
    BulkOffboarding bulk =
        new BulkOffboarding(
            new Offboardings(rig.client(), queue),
            new RunWatch(rig.client()),
            new BulkOffboarding.Settings(
                concurrency, maxPending, true, null, "bench", Offboardings.Again.NEVER),
            redact);
    long t = System.nanoTime();
    try (IdSource source = IdSource.open(GeneratedIds.of(prefix, n), null)) {
      bulk.run(source, () -> false, BulkOffboarding.Events.rowsOnly(row -> keep(sample, row)));
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

  /** 50 runs (fewer for the tiny sizes of the test), so that measured ones pay no class loading. */
  void warmUp(BenchRig rig, String queue, int measured) throws IOException, InterruptedException {
    int n = warmUpSize(measured);
    rig.sandbox().addUsers(ids("warm-" + queue + "-", n));
    offboard(rig, queue, "warm-" + queue + "-", n, null, null);
  }

  static int warmUpSize(int measured) {
    return Math.min(50, measured);
  }

  static List<String> ids(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  /** The workflow id of {@code row} into {@code sample}, up to {@link #HISTORY_SAMPLE} of them. */
  private static void keep(List<String> sample, ReportWriter.Row row) {
    if (sample != null && row.workflowId() != null) {
      synchronized (sample) {
        if (sample.size() < HISTORY_SAMPLE) {
          sample.add(row.workflowId());
        }
      }
    }
  }
}
