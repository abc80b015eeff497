package dev.offboarding.suprsend.devtools.realserver;

import static org.assertj.core.api.Assumptions.assumeThat;

import dev.offboarding.suprsend.cli.Cli;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.worker.OffboardingWorker;
import dev.offboarding.suprsend.worker.WorkerConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tests on the real Temporal server find its CLI here. Without one they are skipped, unless {@code
 * OFFBOARD_REAL_TEMPORAL=required} (set by .ci/run, which provides the CLI first): then a missing
 * CLI fails them instead of passing silently.
 */
public final class RealTemporal {

  private RealTemporal() {}

  /** The Temporal CLI, or the test is skipped (or fails, when it is required). */
  public static Path cli() {
    Optional<Path> cli = TemporalCli.locate(System.getenv());
    if ("required".equals(System.getenv("OFFBOARD_REAL_TEMPORAL"))) {
      return cli.orElseThrow(
          () ->
              new AssertionError(
                  "OFFBOARD_REAL_TEMPORAL=required but no Temporal CLI was found: run"
                      + " ./offboard install-temporal first"));
    }
    assumeThat(cli).as("a Temporal CLI (./offboard install-temporal)").isPresent();
    return cli.get();
  }

  /** A dev server on free loopback ports, in memory, logging under target/. */
  public static DevServer start(String name) {
    return start(name, options(name));
  }

  public static DevServer start(String name, DevServer.Options options) {
    return DevServer.start(cli(), options);
  }

  /**
   * Loopback, free ports, in memory, with the UI, log in {@code target/real-temporal/}, and the
   * server knobs every dev server of the tools gets ({@link DevServer#LOW_LATENCY}).
   */
  public static DevServer.Options options(String name) {
    return DevServer.Options.loopback(
            Cli.freePort(), Cli.freePort(), Path.of("target", "real-temporal", name + ".log"))
        .withLowLatency();
  }

  /** As {@link #options}, without the Web UI. */
  public static DevServer.Options headless(String name) {
    return options(name).withoutUi();
  }

  /** A client of namespace {@code default} on {@code service}. */
  public static WorkflowClient client(WorkflowServiceStubs service) {
    return WorkflowClient.newInstance(
        service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }

  /** The production worker in this JVM on {@code taskQueue}, SuprSend played by {@code sandbox}. */
  public static OffboardingWorker startWorker(
      WorkflowClient client, SuprSendSandbox sandbox, String taskQueue) {
    return OffboardingWorker.start(client, workerConfig(sandbox, taskQueue, Map.of()));
  }

  /**
   * The production worker's configuration for {@code sandbox} and {@code taskQueue}, plus {@code
   * extra}.
   */
  public static WorkerConfig workerConfig(
      SuprSendSandbox sandbox, String taskQueue, Map<String, String> extra) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "SUPRSEND_API_KEY",
                sandbox.apiKey(),
                "SUPRSEND_BASE_URL",
                sandbox.baseUrl().toString(),
                "OFFBOARDING_TASK_QUEUE",
                taskQueue,
                "TEMPORAL_CONFIG_FILE",
                "/nonexistent/temporal.toml"));
    env.putAll(extra);
    return WorkerConfig.fromEnvironment(env);
  }
}
