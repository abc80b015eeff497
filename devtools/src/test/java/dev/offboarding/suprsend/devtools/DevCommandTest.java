package dev.offboarding.suprsend.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.cli.Cli;
import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.StopSignal;
import io.temporal.api.nexus.v1.EndpointTarget;
import io.temporal.api.operatorservice.v1.ListNexusEndpointsRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code dev} runs Temporal, the worker and the sandbox until stopped; {@code start} from "another
 * terminal" (another CLI invocation with its own environment) offboards the seeded users.
 */
class DevCommandTest {

  @Test
  void devServesOffboardingsUntilStoppedThenShutsDownGracefully() throws Exception {
    int temporalPort = Cli.freePort();
    int sandboxPort = Cli.freePort();
    int metricsPort = Cli.freePort();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StopSignal stop = StopSignal.manual();
    CliContext devContext =
        CliContext.of(
            Map.of("OFFBOARDING_METRICS_PORT", String.valueOf(metricsPort)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            stop);
    CompletableFuture<Integer> dev =
        CompletableFuture.supplyAsync(
            () ->
                Offboard.execute(
                    devContext,
                    "dev",
                    "--port",
                    String.valueOf(temporalPort),
                    "--sandbox-port",
                    String.valueOf(sandboxPort),
                    "--users",
                    "5"));
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> dev.isDone() || out.toString(StandardCharsets.UTF_8).contains("Ctrl-C"));
      assertThat(dev.isDone()).as(err.toString(StandardCharsets.UTF_8)).isFalse();
      String banner = out.toString(StandardCharsets.UTF_8);
      assertThat(banner)
          .contains("localhost:" + temporalPort)
          .contains("http://127.0.0.1:" + sandboxPort)
          .contains("development emulator")
          .contains("user-1..user-5")
          .contains("export TEMPORAL_ADDRESS=localhost:" + temporalPort)
          .contains("./offboard start user-1 --wait")
          .contains("Nexus     endpoint suprsend-offboarding")
          .doesNotContain("sandbox-key-");
      OperatorServiceStubs operator =
          OperatorServiceStubs.newServiceStubs(
              OperatorServiceStubsOptions.newBuilder()
                  .setTarget("127.0.0.1:" + temporalPort)
                  .validateAndBuildWithDefaults());
      try {
        EndpointTarget.Worker target =
            operator
                .blockingStub()
                .listNexusEndpoints(ListNexusEndpointsRequest.newBuilder().setPageSize(100).build())
                .getEndpointsList()
                .stream()
                .filter(e -> e.getSpec().getName().equals("suprsend-offboarding"))
                .findFirst()
                .orElseThrow()
                .getSpec()
                .getTarget()
                .getWorker();
        assertThat(target.getNamespace() + "/" + target.getTaskQueue())
            .isEqualTo("default/suprsend-offboarding");
      } finally {
        operator.shutdownNow();
      }

      Map<String, String> otherTerminal = Map.of("TEMPORAL_ADDRESS", "localhost:" + temporalPort);
      Cli.Run run =
          new Cli(Offboard::execute)
              .run(otherTerminal, "start", "user-1", "no-such-user", "--wait", "--json");

      assertThat(run.exit()).as(run.all()).isZero();
      ObjectMapper json = new ObjectMapper();
      JsonNode first = json.readTree(run.lines().get(0));
      JsonNode second = json.readTree(run.lines().get(1));
      assertThat(first.get("outcome").asText()).isEqualTo("DELETED");
      assertThat(second.get("outcome").asText()).isEqualTo("ALREADY_ABSENT");

      // Dev mode serves the worker's metrics: the project's counters and Temporal's.
      assertThat(banner).contains("http://localhost:" + metricsPort + "/metrics");
      HttpClient http = HttpClient.newHttpClient();
      URI metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () ->
                  assertThat(
                          http.send(
                                  HttpRequest.newBuilder(metrics).build(),
                                  HttpResponse.BodyHandlers.ofString())
                              .body())
                      .containsPattern("offboarding_runs_finished_total\\{[^}]*outcome=\"DELETED\"")
                      .containsPattern(
                          "offboarding_runs_finished_total\\{[^}]*outcome=\"ALREADY_ABSENT\"")
                      .contains("temporal_workflow_completed_total")
                      .contains("feign_Client_http_response_code_total"));
    } finally {
      stop.requestStop();
      assertThat(dev.get(60, TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Stopped.");
    for (int port : new int[] {temporalPort, sandboxPort, metricsPort}) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(port)); // released on stop
      }
    }
  }
}
