package dev.offboarding.suprsend.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.cli.Cli;
import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.StopSignal;
import dev.offboarding.suprsend.devtools.realserver.RealTemporal;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dev} runs Temporal, the worker and the sandbox until stopped; {@code start} from "another
 * terminal" (another CLI invocation with its own environment) offboards the seeded users. On the
 * real Temporal server (the Temporal CLI's dev server) by default, and on Temporal's Java test
 * server with {@code --embedded}.
 */
class DevCommandTest {

  @TempDir Path data;

  @Test
  void devServesOffboardingsOnTheRealServerWithTheUiLinksUntilStoppedThenShutsDownGracefully()
      throws Exception {
    Map<String, String> env = realServerEnv();
    Dev dev = Dev.start(env);
    try {
      assertServesOffboardings(dev);
      assertThat(dev.banner()).contains("Nexus     endpoint suprsend-offboarding");
      assertNexusEndpointTargetsTheWorker(dev.temporalPort);
      assertThat(dev.banner())
          .contains("127.0.0.1:" + dev.temporalPort)
          .contains("the real Temporal server")
          .contains(data.resolve("dev.sqlite").toString())
          .contains("Web UI    http://127.0.0.1:" + dev.uiPort)
          .contains(
              "all offboardings  http://127.0.0.1:"
                  + dev.uiPort
                  + "/namespaces/default/workflows?query=WorkflowType%3D%22UserOffboarding%22")
          .contains(
              "NEEDS_ATTENTION   http://127.0.0.1:"
                  + dev.uiPort
                  + "/namespaces/default/workflows?query=WorkflowType%3D%22UserOffboarding%22%20AND"
                  + "%20OffboardingState%3D%22NEEDS_ATTENTION%22")
          .contains("export OFFBOARDING_UI_URL=http://127.0.0.1:" + dev.uiPort)
          .contains("./offboard list --state NEEDS_ATTENTION");
      HttpResponse<String> ui =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + dev.uiPort
                                  + "/namespaces/default/workflows?query=WorkflowType%3D%22UserOffboarding%22"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(ui.statusCode()).isEqualTo(200);
      // The list view works here: the real server answers visibility queries.
      Cli.Run list =
          new Cli(Offboard::execute)
              .run(
                  Map.of("TEMPORAL_ADDRESS", "localhost:" + dev.temporalPort),
                  "list",
                  "--state",
                  "COMPLETED",
                  "--json");
      assertThat(list.exit()).as(list.all()).isZero();
      assertThat(list.out()).contains("\"distinctId\":\"user-1\"");
    } finally {
      dev.stop();
    }
    dev.assertStoppedAndPortsReleased();
    assertThat(dev.err()).doesNotContain(STICKY_CAVEAT);
  }

  @Test
  void devWithEmbeddedServesOffboardingsOnTheJavaTestServerUntilStopped() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("OFFBOARD_DATA_DIR", data.toString());
    Dev dev = Dev.start(env, "--embedded");
    try {
      assertServesOffboardings(dev);
      assertThat(dev.banner())
          .contains("127.0.0.1:" + dev.temporalPort)
          .contains("Temporal's Java test server: real time, in memory")
          .contains("No Temporal Web UI on the Java test server")
          .doesNotContain("Web UI    http");
      assertThat(dev.err()).contains(STICKY_CAVEAT);
    } finally {
      dev.stop();
    }
    dev.assertStoppedAndPortsReleased();
    assertThat(data.resolve("dev.sqlite")).doesNotExist();
  }

  @Test
  void withoutATemporalCliOrGoDevSaysWhatIsMissingAndRunsTheJavaTestServer() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", data.resolve("empty-path").toString()); // no temporal, no go
    env.put("OFFBOARD_TOOLS_DIR", data.resolve("tools").toString());
    env.put("OFFBOARD_DATA_DIR", data.toString());
    Dev dev = Dev.start(env);
    try {
      assertThat(dev.err())
          .contains("No Temporal CLI was found")
          .contains("Go is not installed")
          .contains("./offboard install-temporal")
          .contains("running Temporal's Java test server instead");
      assertThat(dev.banner())
          .contains("127.0.0.1:" + dev.temporalPort)
          .contains("Temporal's Java test server: real time, in memory");
      Cli.Run run = dev.otherTerminal("start", "user-3", "--wait");
      assertThat(run.exit()).as(run.all()).isZero();
    } finally {
      dev.stop();
    }
  }

  @Test
  void runsSurviveARestartOfDevAndFreshStartsEmpty() throws Exception {
    Map<String, String> env = realServerEnv();
    Dev first = Dev.start(env);
    try {
      Cli.Run run = first.otherTerminal("start", "user-2", "--wait", "--json");
      assertThat(run.exit()).as(run.all()).isZero();
    } finally {
      first.stop();
    }
    assertThat(data.resolve("dev.sqlite")).exists();

    Dev again = Dev.start(env);
    try {
      Cli.Run status = again.otherTerminal("status", "user-2", "--json");
      assertThat(status.exit()).as(status.all()).isZero();
      assertThat(status.out()).contains("\"outcome\":\"DELETED\"");
    } finally {
      again.stop();
    }

    Dev fresh = Dev.start(env, "--fresh");
    try {
      assertThat(fresh.err()).contains("--fresh: deleted " + data.resolve("dev.sqlite"));
      Cli.Run status = fresh.otherTerminal("status", "user-2");
      assertThat(status.exit()).as(status.all()).isEqualTo(2);
      assertThat(status.err()).contains("no offboarding found for \"user-2\"");
    } finally {
      fresh.stop();
    }
  }

  /** The assertions of the original dev test, on whichever server {@code dev} runs. */
  private static void assertServesOffboardings(Dev dev) throws Exception {
    String banner = dev.banner();
    assertThat(banner)
        .contains("localhost:" + dev.temporalPort)
        .contains("http://127.0.0.1:" + dev.sandboxPort)
        .contains("development emulator")
        .contains("user-1..user-5")
        .contains("export TEMPORAL_ADDRESS=localhost:" + dev.temporalPort)
        .contains("./offboard start user-1 --wait")
        .doesNotContain("sandbox-key-");

    Cli.Run run = dev.otherTerminal("start", "user-1", "no-such-user", "--wait", "--json");

    assertThat(run.exit()).as(run.all()).isZero();
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(run.lines().get(0));
    JsonNode second = json.readTree(run.lines().get(1));
    assertThat(first.get("outcome").asText()).isEqualTo("DELETED");
    assertThat(second.get("outcome").asText()).isEqualTo("ALREADY_ABSENT");

    // Dev mode serves the worker's metrics: the project's counters and Temporal's.
    assertThat(banner).contains("http://localhost:" + dev.metricsPort + "/metrics");
    HttpClient http = HttpClient.newHttpClient();
    URI metrics = URI.create("http://127.0.0.1:" + dev.metricsPort + "/metrics");
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
  }

  private Map<String, String> realServerEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_CLI", RealTemporal.cli().toString());
    env.put("OFFBOARD_DATA_DIR", data.toString());
    return env;
  }

  /** The test server's caveat for restarted workers (not printed on the real server). */
  private static final String STICKY_CAVEAT = "OFFBOARDING_STICKY_EXECUTION=false";

  /** One {@code ./offboard dev} in the background, on free ports. */
  private static final class Dev {
    final int temporalPort = Cli.freePort();
    final int uiPort = Cli.freePort();
    final int sandboxPort = Cli.freePort();
    final int metricsPort = Cli.freePort();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final StopSignal stop = StopSignal.manual();
    CompletableFuture<Integer> exit;

    static Dev start(Map<String, String> env, String... flags) {
      Dev dev = new Dev();
      Map<String, String> devEnv = new HashMap<>(env);
      devEnv.put("OFFBOARDING_METRICS_PORT", String.valueOf(dev.metricsPort));
      CliContext context =
          CliContext.of(
              devEnv,
              new PrintStream(dev.out, true, StandardCharsets.UTF_8),
              new PrintStream(dev.err, true, StandardCharsets.UTF_8),
              dev.stop);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "dev",
                  "--port",
                  String.valueOf(dev.temporalPort),
                  "--ui-port",
                  String.valueOf(dev.uiPort),
                  "--sandbox-port",
                  String.valueOf(dev.sandboxPort),
                  "--users",
                  "5"));
      args.addAll(List.of(flags));
      dev.exit =
          CompletableFuture.supplyAsync(
              () -> Offboard.execute(context, args.toArray(String[]::new)));
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> dev.exit.isDone() || dev.banner().contains("Ctrl-C"));
      assertThat(dev.exit.isDone()).as(dev.err()).isFalse();
      return dev;
    }

    String banner() {
      return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
      return err.toString(StandardCharsets.UTF_8);
    }

    /** A command from "another terminal": its own environment, pointed at this dev. */
    Cli.Run otherTerminal(String... args) {
      return new Cli(Offboard::execute)
          .run(Map.of("TEMPORAL_ADDRESS", "localhost:" + temporalPort), args);
    }

    void stop() throws Exception {
      stop.requestStop();
      assertThat(exit.get(60, TimeUnit.SECONDS)).as(err()).isZero();
    }

    void assertStoppedAndPortsReleased() throws Exception {
      assertThat(err()).contains("Stopped.");
      for (int port : new int[] {temporalPort, uiPort, sandboxPort, metricsPort}) {
        try (ServerSocket socket = new ServerSocket()) {
          socket.setReuseAddress(true);
          socket.bind(new InetSocketAddress(port)); // released on stop
        }
      }
    }
  }

  private static void assertNexusEndpointTargetsTheWorker(int temporalPort) {
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
  }
}
