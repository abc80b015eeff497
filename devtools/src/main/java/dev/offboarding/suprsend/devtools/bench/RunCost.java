package dev.offboarding.suprsend.devtools.bench;

/**
 * What {@code n} offboardings cost on the real topology: wall time, and CPU of the Temporal server
 * process, the worker JVM(s) and the client (the bench JVM without its sandbox threads), plus the
 * history of a sample of the runs.
 */
record RunCost(
    int n,
    double seconds,
    long serverNanos,
    long workerNanos,
    long clientNanos,
    double historyEvents,
    double historyBytes) {

  double perSecond() {
    return n / seconds;
  }

  double cpuMs() {
    return (serverNanos + workerNanos + clientNanos) / 1e6 / n;
  }

  double serverMs() {
    return serverNanos / 1e6 / n;
  }

  double workerMs() {
    return workerNanos / 1e6 / n;
  }

  double clientMs() {
    return clientNanos / 1e6 / n;
  }

  double clientShare() {
    long total = serverNanos + workerNanos + clientNanos;
    return total == 0 ? 0 : clientNanos / (double) total;
  }

  RunCost withHistory(double events, double bytes) {
    return new RunCost(n, seconds, serverNanos, workerNanos, clientNanos, events, bytes);
  }
}
