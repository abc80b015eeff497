package dev.offboarding.suprsend.devtools.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of durations in nanoseconds. */
public final class Percentiles {

  private final long[] sorted;

  public Percentiles(long[] nanos) {
    this.sorted = nanos.clone();
    Arrays.sort(sorted);
  }

  /** The {@code p}-th percentile (0 < p ≤ 100) in milliseconds. */
  public double millis(double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }
}
