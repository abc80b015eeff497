package dev.offboarding.suprsend.worker.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import feign.Capability;
import feign.micrometer.MicrometerCapability;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Duration;

/**
 * Everything the worker measures, in one Prometheus registry:
 *
 * <ul>
 *   <li>Temporal's SDK metrics ({@code temporal_*}) and the project's own ({@code offboarding_*},
 *       see {@code OffboardingMetrics}), both reported through {@link #temporalScope()}: give it to
 *       the service stubs ({@code WorkflowServiceStubsOptions.setMetricsScope});
 *   <li>every SuprSend HTTP call, through Feign's own Micrometer capability ({@link
 *       #suprSendCalls()}): {@code feign_Client_http_response_code_total} by {@code status_group}
 *       (2xx, 4xx, 5xx), the latency histogram {@code feign_Client_seconds_bucket}, and calls that
 *       got no answer as {@code feign_Client_exception_seconds} by exception;
 *   <li>the JVM (memory, GC, threads, CPU, uptime).
 * </ul>
 */
public final class WorkerMetrics implements AutoCloseable {

  /** How often Temporal's scope flushes to the registry; Prometheus scrapes are slower. */
  static final Duration REPORT_INTERVAL = Duration.ofSeconds(1);

  private final PrometheusMeterRegistry registry;
  private final Scope temporalScope;
  private final JvmGcMetrics gc;

  private WorkerMetrics(PrometheusMeterRegistry registry, Scope temporalScope, JvmGcMetrics gc) {
    this.registry = registry;
    this.temporalScope = temporalScope;
    this.gc = gc;
  }

  /** A fresh registry with the JVM's meters and a Temporal scope reporting into it. */
  public static WorkerMetrics create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(suprSendLatencyHistogram());
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    Scope scope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofMillis((double) REPORT_INTERVAL.toMillis()));
    return new WorkerMetrics(registry, scope, gc);
  }

  /**
   * Feign's client timers publish a histogram (for latency quantiles across workers), with buckets
   * from 5 ms to 60 s: SuprSend answers in milliseconds, timeouts take tens of seconds.
   */
  private static MeterFilter suprSendLatencyHistogram() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() == Meter.Type.TIMER && id.getName().startsWith("feign.Client")) {
          return DistributionStatisticConfig.builder()
              .percentilesHistogram(true)
              .minimumExpectedValue((double) Duration.ofMillis(5).toNanos())
              .maximumExpectedValue((double) Duration.ofSeconds(60).toNanos())
              .build()
              .merge(config);
        }
        return config;
      }
    };
  }

  /** Temporal's metrics scope: for the service stubs, hence every worker and client on them. */
  public Scope temporalScope() {
    return temporalScope;
  }

  /** The Feign capability that meters SuprSend calls; add it to every SuprSend client. */
  public Capability suprSendCalls() {
    return new MicrometerCapability(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of everything above. */
  public String scrape() {
    return registry.scrape();
  }

  /** Flushes Temporal's last counts, then closes the registry. */
  @Override
  public void close() {
    try {
      temporalScope.close();
    } catch (ScopeCloseException e) {
      // Only the last second of Temporal's counts is lost; closing goes on.
    }
    gc.close();
    registry.close();
  }
}
