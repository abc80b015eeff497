package dev.offboarding.suprsend.worker;

import dev.offboarding.suprsend.contract.OffboardingSearchAttributes;
import dev.offboarding.suprsend.worker.metrics.WorkerMetrics;
import dev.offboarding.suprsend.worker.ops.OpsServer;
import dev.offboarding.suprsend.worker.ops.Readiness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole worker process, as {@code ./offboard worker}, the container and {@code ./offboard dev}
 * run it: metrics, the operations endpoint ({@code /metrics}, {@code /healthz}, {@code /readyz}),
 * the Temporal connection and the polling worker, started in that order and stopped in reverse,
 * with {@code /readyz} turning unready before polling stops.
 */
public final class WorkerProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);

  /** How long the start waits for Temporal before calling it unreachable. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** How long {@code /readyz} waits for Temporal. */
  static final Duration READY_CHECK_TIMEOUT = Duration.ofSeconds(2);

  private final WorkerConfig config;
  private final WorkerMetrics metrics;
  private final OpsServer ops;
  private final Readiness readiness;
  private final TemporalConnection temporal;
  private final OffboardingWorker worker;
  private boolean stopped;

  private WorkerProcess(
      WorkerConfig config,
      WorkerMetrics metrics,
      OpsServer ops,
      Readiness readiness,
      TemporalConnection temporal,
      OffboardingWorker worker) {
    this.config = config;
    this.metrics = metrics;
    this.ops = ops;
    this.readiness = readiness;
    this.temporal = temporal;
    this.worker = worker;
  }

  /**
   * Starts everything for {@code config}, connecting to the Temporal that {@code env} names.
   *
   * @throws ConfigException when the metrics port is taken
   * @throws TemporalConnection.TemporalUnreachable when Temporal does not answer
   */
  public static WorkerProcess start(WorkerConfig config, Map<String, String> env) {
    WorkerMetrics metrics = WorkerMetrics.create();
    OffboardingWorker[] worker = new OffboardingWorker[1];
    TemporalConnection[] temporal = new TemporalConnection[1];
    Readiness readiness =
        new Readiness(
            () -> worker[0] != null && worker[0].isRunning(), () -> temporalProblem(temporal[0]));
    OpsServer ops;
    try {
      ops = OpsServer.start(config.metricsBind(), config.metricsPort(), metrics::scrape, readiness);
    } catch (OpsServer.PortInUse e) {
      metrics.close();
      throw new ConfigException(List.of("OFFBOARDING_METRICS_PORT: " + e.getMessage()));
    }
    try {
      temporal[0] = TemporalConnection.connect(env, metrics.temporalScope());
      temporal[0].checkReachable(CONNECT_TIMEOUT);
      log.info(
          "Connected to Temporal at {} (namespace {})",
          temporal[0].address(),
          temporal[0].namespace());
      // Registers missing search attributes; the check then says if that did not take.
      worker[0] = OffboardingWorker.start(temporal[0].client(), config, metrics);
      warnAboutMissingSearchAttributes(temporal[0]);
    } catch (RuntimeException e) {
      ops.close();
      if (temporal[0] != null) {
        temporal[0].close();
      }
      metrics.close();
      throw e;
    }
    log.info(
        "Metrics and health on {}:{}: {}, {}, {}",
        ops.address().getHostAddress(),
        ops.port(),
        OpsServer.METRICS_PATH,
        OpsServer.HEALTH_PATH,
        OpsServer.READY_PATH);
    return new WorkerProcess(config, metrics, ops, readiness, temporal[0], worker[0]);
  }

  /** A run that upserts an unregistered attribute fails its workflow task: say so up front. */
  private static void warnAboutMissingSearchAttributes(TemporalConnection temporal) {
    try {
      temporal
          .missingSearchAttributes(OffboardingSearchAttributes.REQUIRED, READY_CHECK_TIMEOUT)
          .forEach(problem -> log.warn("{}", problem));
    } catch (UnsupportedOperationException e) {
      log.debug("Search attributes not checked: {}", e.getMessage());
    } catch (TemporalConnection.TemporalUnreachable e) {
      log.warn("Search attributes not checked: {}", e.getMessage());
    }
  }

  private static Optional<String> temporalProblem(TemporalConnection temporal) {
    if (temporal == null) {
      return Optional.of("connecting to Temporal");
    }
    try {
      temporal.checkReachable(READY_CHECK_TIMEOUT);
      return Optional.empty();
    } catch (TemporalConnection.TemporalUnreachable e) {
      // The body goes to whoever asks /readyz: the reason without Temporal's address; the log
      // has it all (at most once per Readiness.TEMPORAL_CHECK_TTL).
      log.warn("Not ready: {}", e.getMessage());
      return Optional.of(e.publicReason());
    }
  }

  /** The port of the operations endpoint (the chosen one when configured as 0). */
  public int opsPort() {
    return ops.port();
  }

  public TemporalConnection temporal() {
    return temporal;
  }

  public WorkerMetrics metrics() {
    return metrics;
  }

  public OffboardingWorker worker() {
    return worker;
  }

  /**
   * Graceful stop: {@code /readyz} turns unready, polling stops and running activities get {@code
   * timeout} to finish, then the endpoint, the connection and the metrics close.
   *
   * @return true when every running activity finished in time
   */
  public synchronized boolean stop(Duration timeout) {
    if (stopped) {
      return true;
    }
    stopped = true;
    readiness.drain();
    boolean finished = worker.shutdown(timeout);
    ops.close();
    temporal.close();
    metrics.close();
    return finished;
  }

  @Override
  public void close() {
    stop(config.shutdownTimeout());
  }
}
