package dev.offboarding.suprsend.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.cli.Cli;
import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.StopSignal;
import dev.offboarding.suprsend.devtools.realserver.RealTemporal;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @Test
  void theDemoShowsEveryOutcomeAndExits0Quickly() {
    long started = System.nanoTime();

    Cli.Run run = new Cli(Offboard::execute).run(Map.of(), "demo");

    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    assertShowsEveryOutcome(run.out(), "429 with Retry-After: 30.*3[01]s");
    assertThat(run.out()).contains("time skipping");
  }

  @Test
  void theDemoWithUiRunsTheSameScenariosOnTheRealServerAndKeepsItUpWithTheUiLinksUntilStopped()
      throws Exception {
    int port = Cli.freePort();
    int uiPort = Cli.freePort();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StopSignal stop = StopSignal.manual();
    CliContext ctx =
        CliContext.of(
            Map.of("TEMPORAL_CLI", RealTemporal.cli().toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            stop);
    CompletableFuture<Integer> demo =
        CompletableFuture.supplyAsync(
            () ->
                Offboard.execute(
                    ctx,
                    "demo",
                    "--ui",
                    "--port",
                    String.valueOf(port),
                    "--ui-port",
                    String.valueOf(uiPort)));
    try {
      await()
          .atMost(Duration.ofSeconds(180))
          .until(() -> demo.isDone() || out.toString(StandardCharsets.UTF_8).contains("Ctrl-C"));
      assertThat(demo.isDone()).as(err.toString(StandardCharsets.UTF_8)).isFalse();
      String shown = out.toString(StandardCharsets.UTF_8);
      assertShowsEveryOutcome(
          shown, "429 with Retry-After: 3: waited as asked, deleted [3-9](\\.\\d)?s after start");
      String ui = "http://127.0.0.1:" + uiPort;
      String all = ui + "/namespaces/default/workflows?query=WorkflowType%3D%22UserOffboarding%22";
      assertThat(shown)
          .contains("the real Temporal server (Temporal CLI dev server) on 127.0.0.1:" + port)
          .contains("Retry-After is 3 s instead of 30 s")
          .contains("all offboardings  " + all)
          .contains("%20AND%20OffboardingState%3D%22NEEDS_ATTENTION%22")
          .containsPattern(
              "demo-erin +"
                  + ui.replace(".", "\\.")
                  + "/namespaces/default/workflows/suprsend-offboarding%3Ademo-erin/[0-9a-f-]{36}")
          .contains("suprsend-offboarding%3Ademo%2Fodd%20id%3F%23%25/");
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(all)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);

      // The server stays up: every demo run is there to be looked at, each in its final state.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                Cli.Run counts =
                    new Cli(Offboard::execute)
                        .run(
                            Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + port),
                            "list",
                            "--counts",
                            "--json");
                assertThat(counts.exit()).as(counts.all()).isZero();
                JsonNode c = new ObjectMapper().readTree(counts.out());
                assertThat(c.get("total").asLong()).isEqualTo(7);
                assertThat(c.get("byState").get("COMPLETED").asLong()).isEqualTo(7);
              });
    } finally {
      stop.requestStop();
      assertThat(demo.get(60, TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Stopped.");
    for (int p : new int[] {port, uiPort}) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(p)); // released on stop
      }
    }
  }

  @Test
  void theDemoWithUiWithoutATemporalCliSaysWhatIsMissingAndExits2(@TempDir Path empty) {
    Cli.Run run =
        new Cli(Offboard::execute)
            .run(
                Map.of("PATH", empty.toString(), "OFFBOARD_TOOLS_DIR", empty.toString()),
                "demo",
                "--ui");

    assertThat(run.exit()).as(run.all()).isEqualTo(2);
    assertThat(run.err())
        .contains("demo --ui needs the real Temporal server")
        .contains("No Temporal CLI was found")
        .contains("Plain ./offboard demo needs no Temporal CLI");
  }

  /** The same table on either server; only the rate-limited user's wait differs. */
  private static void assertShowsEveryOutcome(String out, String retryAfterPattern) {
    assertThat(out)
        .containsPattern("demo-alice\\s+DELETED\\s+204\\s+1\\s")
        .containsPattern("demo-bob\\s+ALREADY_ABSENT\\s+404\\s+1\\s")
        .containsPattern("demo-carol\\s+DELETED\\s+204\\s+3\\s")
        .containsPattern("demo-dave\\s+DELETED\\s+204\\s+2\\s+" + retryAfterPattern)
        .containsPattern("demo-erin: NEEDS_ATTENTION: SuprSendAuthenticationFailed: .*401")
        .contains("-> ./offboard retry demo-erin --operator demo")
        .containsPattern("demo-erin\\s+DELETED\\s+204\\s+2\\s")
        .containsPattern("demo-frank: NEEDS_ATTENTION: SuprSendWrongEndpoint: ")
        .contains("-> ./offboard abort demo-frank --operator demo")
        .containsPattern("demo-frank\\s+ABORTED\\s+\\S+\\s+1\\s")
        .contains("/v1/user/demo%2Fodd%20id%3F%23%25/")
        .contains("SuprSend saw 1 DELETE for demo-alice")
        .contains("development emulator")
        .doesNotContain("UNEXPECTED")
        .doesNotContain("sandbox-key-");
  }
}
