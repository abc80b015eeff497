package dev.offboarding.suprsend.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingSearchAttributes;
import dev.offboarding.suprsend.contract.Outcome;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.ScriptedResponse;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.workflow.OffboardingWorkflowOptions;
import dev.offboarding.suprsend.workflow.UserOffboarding;
import io.temporal.client.WorkflowClient;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker process as production runs it: Temporal's test server on a real port (gRPC, real
 * time), the SuprSend sandbox, and {@link WorkerProcess} with its {@code /metrics}, {@code
 * /healthz} and {@code /readyz} endpoint.
 */
class WorkerProcessTest {

  private static final String KEY = "ss-process-key-7a6b5c4d3e2f";
  private static final HttpClient http = HttpClient.newHttpClient();

  private static TestServer.PortBoundTestServer temporal;
  private static int temporalPort;
  private static SuprSendSandbox sandbox;

  @BeforeAll
  static void startTemporalAndSandbox() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      temporalPort = socket.getLocalPort();
    }
    temporal = TestServer.createPortBoundServer(temporalPort, true);
    sandbox = SuprSendSandbox.start(SandboxOptions.defaults().withApiKey(KEY));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
    temporal.close();
  }

  private static Map<String, String> env(String taskQueue) {
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_CONFIG_FILE", "/nonexistent/temporal.toml");
    env.put("TEMPORAL_ADDRESS", "127.0.0.1:" + temporalPort);
    env.put("SUPRSEND_API_KEY", KEY);
    env.put("SUPRSEND_BASE_URL", sandbox.baseUrl().toString());
    env.put("OFFBOARDING_TASK_QUEUE", taskQueue);
    env.put("OFFBOARDING_RETRY_INITIAL_INTERVAL", "100ms");
    env.put("OFFBOARDING_METRICS_PORT", "0");
    return env;
  }

  private static WorkerProcess start(String taskQueue) {
    Map<String, String> env = env(taskQueue);
    return WorkerProcess.start(WorkerConfig.fromEnvironment(env), env);
  }

  private static HttpResponse<String> get(WorkerProcess process, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + process.opsPort() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static OffboardingReceipt offboard(WorkerProcess process, String taskQueue, String id) {
    WorkflowClient client = process.temporal().client();
    return client
        .newWorkflowStub(UserOffboarding.class, OffboardingWorkflowOptions.forUser(id, taskQueue))
        .offboard(OffboardingRequest.of(id));
  }

  @Test
  void metricsCarryTemporalsSeriesAndTheProjectsAfterARealOffboarding() throws Exception {
    try (WorkerProcess process = start("metrics-test")) {
      assertThat(get(process, "/healthz").statusCode()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> get(process, "/readyz").statusCode() == 200);

      sandbox.addUser("metrics-user-1");
      sandbox.script("metrics-user-1", ScriptedResponse.status(503), ScriptedResponse.ok());
      assertThat(offboard(process, "metrics-test", "metrics-user-1").outcome())
          .isEqualTo(Outcome.DELETED);
      assertThat(offboard(process, "metrics-test", "metrics-absent-user").outcome())
          .isEqualTo(Outcome.ALREADY_ABSENT);

      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> {
                HttpResponse<String> response = get(process, "/metrics");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("text/plain");
                String metrics = response.body();
                // Temporal's SDK, through Micrometer.
                assertThat(metrics)
                    .contains("temporal_workflow_completed_total")
                    .contains("temporal_activity_execution_latency_seconds");
                // The project's own, with Temporal's tags.
                assertThat(metrics)
                    .containsPattern(
                        "offboarding_runs_finished_total\\{[^}]*outcome=\"DELETED\"[^}]*\\} 1\\.0")
                    .containsPattern(
                        "offboarding_runs_finished_total\\{[^}]*outcome=\"ALREADY_ABSENT\"")
                    .containsPattern(
                        "offboarding_activity_retries_total\\{[^}]*activity_type=\"DeleteSuprSendUser\"[^}]*\\} 1\\.0");
                // SuprSend calls by status class, and their latency histogram.
                assertThat(metrics)
                    .containsPattern(
                        "feign_Client_http_response_code_total\\{[^}]*status_group=\"2xx\"")
                    .containsPattern(
                        "feign_Client_http_response_code_total\\{[^}]*status_group=\"4xx\"")
                    .containsPattern(
                        "feign_Client_http_response_code_total\\{[^}]*status_group=\"5xx\"")
                    .contains("feign_Client_seconds_bucket{");
                assertThat(metrics).contains("jvm_memory_used_bytes");
                // Tags name routes, never users.
                assertThat(metrics)
                    .doesNotContain("metrics-user-1")
                    .doesNotContain("metrics-absent-user")
                    .doesNotContain(KEY);
              });
      assertThat(get(process, "/nothing-here").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void stopTurnsUnreadyFirstLetsTheDeleteFinishThenClosesTheEndpoint() throws Exception {
    WorkerProcess process = start("stop-test");
    int port = process.opsPort();
    await().atMost(Duration.ofSeconds(10)).until(() -> get(process, "/readyz").statusCode() == 200);
    sandbox.addUser("stopping-user");
    sandbox.script("stopping-user", ScriptedResponse.ok().withDelay(Duration.ofSeconds(2)));
    long before = sandbox.requestsReceived();
    WorkflowClient client = process.temporal().client();
    WorkflowClient.start(
        client.newWorkflowStub(
                UserOffboarding.class,
                OffboardingWorkflowOptions.forUser("stopping-user", "stop-test"))
            ::offboard,
        OffboardingRequest.of("stopping-user"));
    await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.requestsReceived() > before);

    CompletableFuture<Boolean> stopping =
        CompletableFuture.supplyAsync(() -> process.stop(Duration.ofSeconds(20)));
    // While the delete is still running: alive, but not to be sent work.
    await().atMost(Duration.ofSeconds(5)).until(() -> get(process, "/readyz").statusCode() == 503);
    assertThat(get(process, "/readyz").body()).contains("shutting down");
    assertThat(stopping).isNotDone();
    assertThat(get(process, "/healthz").statusCode()).isEqualTo(200);

    assertThat(stopping.get()).as("the running delete finished").isTrue();
    assertThat(sandbox.hasUser("stopping-user")).isFalse();
    Throwable afterStop =
        catchThrowable(
            () ->
                http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()));
    assertThat(afterStop).isInstanceOf(ConnectException.class);
  }

  @Test
  void readyzSaysTemporalIsGoneWithoutShowingItsAddress() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    TestServer.PortBoundTestServer ownTemporal = TestServer.createPortBoundServer(port, true);
    Map<String, String> env = env("gone-test");
    env.put("TEMPORAL_ADDRESS", "127.0.0.1:" + port);
    env.put("OFFBOARDING_SHUTDOWN_TIMEOUT", "2s");
    try (WorkerProcess process = WorkerProcess.start(WorkerConfig.fromEnvironment(env), env)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> get(process, "/readyz").statusCode() == 200);
      ownTemporal.close();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> get(process, "/readyz").statusCode() == 503);
      String body = get(process, "/readyz").body();
      assertThat(body).startsWith("not ready: Temporal is unreachable (");
      assertThat(body).doesNotContain("127.0.0.1").doesNotContain(String.valueOf(port));
    } finally {
      ownTemporal.close();
    }
  }

  @Test
  void theTestServerCannotListSearchAttributesAndSaysSo() {
    try (TemporalConnection temporal = TemporalConnection.connect(env("sa-test"))) {
      Throwable failure =
          catchThrowable(
              () ->
                  temporal.missingSearchAttributes(
                      OffboardingSearchAttributes.REQUIRED, Duration.ofSeconds(5)));
      assertThat(failure)
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("cannot list search attributes");
    }
  }

  @Test
  void aTakenMetricsPortIsAConfigurationProblemNamingTheVariable() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      Map<String, String> env = env("port-test");
      env.put("OFFBOARDING_METRICS_PORT", String.valueOf(taken.getLocalPort()));
      Throwable failure =
          catchThrowable(() -> WorkerProcess.start(WorkerConfig.fromEnvironment(env), env));
      assertThat(failure)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("OFFBOARDING_METRICS_PORT")
          .hasMessageContaining("already in use");
    }
  }
}
