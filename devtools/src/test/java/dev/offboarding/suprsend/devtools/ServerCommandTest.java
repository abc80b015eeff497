package dev.offboarding.suprsend.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.offboarding.suprsend.cli.Cli;
import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.StopSignal;
import dev.offboarding.suprsend.devtools.realserver.LoopbackOnly;
import dev.offboarding.suprsend.devtools.realserver.RealTemporal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
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
 * {@code server}: only Temporal, on 127.0.0.1 only: the real server with its UI links, or the Java
 * test server with {@code --embedded}; either serves a worker run apart.
 */
class ServerCommandTest {

  @TempDir Path data;

  @Test
  void serverRunsTheRealServerOnLoopbackOnlyWithTheUiLinksAndNoWorker() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_CLI", RealTemporal.cli().toString());
    env.put("OFFBOARD_DATA_DIR", data.toString());
    Server server = Server.start(env);
    try {
      assertThat(server.out())
          .contains("Temporal listening on 127.0.0.1:" + server.port)
          .contains("the real Temporal server")
          .contains("Web UI: http://127.0.0.1:" + server.uiPort)
          .contains("all offboardings  http://127.0.0.1:" + server.uiPort + "/namespaces/default/")
          .contains("OffboardingState%3D%22NEEDS_ATTENTION%22")
          .doesNotContain("Worker");
      assertThat(server.err()).doesNotContain("OFFBOARDING_STICKY_EXECUTION");
      LoopbackOnly.assertUnreachableFromOutside(server.port, server.uiPort);
      // No worker polls: a started offboarding waits (visible to list, on the real server).
      Map<String, String> client = Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + server.port);
      Cli.Run start = new Cli(Offboard::execute).run(client, "start", "server-test-user");
      assertThat(start.exit()).as(start.all()).isZero();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(new Cli(Offboard::execute).run(client, "list", "--json").out())
                      .contains("\"distinctId\":\"server-test-user\"")
                      .contains("\"status\":\"RUNNING\""));
    } finally {
      server.stop();
    }
    assertThat(server.err()).contains("Temporal stopped.");
    assertThat(data.resolve("dev.sqlite")).exists();
  }

  @Test
  void serverWithEmbeddedRunsTheJavaTestServerOnLoopbackOnly() throws Exception {
    Server server = Server.start(Map.of("OFFBOARD_DATA_DIR", data.toString()), "--embedded");
    try {
      assertThat(server.out())
          .contains("Temporal listening on 127.0.0.1:" + server.port)
          .contains("Temporal's Java test server: real time, in memory")
          .contains("No Temporal Web UI");
      assertThat(server.err()).contains("OFFBOARDING_STICKY_EXECUTION=false");
      try (Socket local = new Socket(InetAddress.getLoopbackAddress(), server.port)) {
        assertThat(local.isConnected()).isTrue();
      }
      LoopbackOnly.assertUnreachableFromOutside(server.port);
      Cli.Run list =
          new Cli(Offboard::execute)
              .run(Map.of("TEMPORAL_ADDRESS", "127.0.0.1:" + server.port), "list");
      assertThat(list.exit()).as(list.all()).isEqualTo(2);
      assertThat(list.err()).contains("cannot list workflows");
    } finally {
      server.stop();
    }
  }

  /** One {@code ./offboard server} in the background, on free ports. */
  private static final class Server {
    final int port = Cli.freePort();
    final int uiPort = Cli.freePort();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final StopSignal stop = StopSignal.manual();
    CompletableFuture<Integer> exit;

    static Server start(Map<String, String> env, String... flags) {
      Server server = new Server();
      CliContext ctx =
          CliContext.of(
              env,
              new PrintStream(server.out, true, StandardCharsets.UTF_8),
              new PrintStream(server.err, true, StandardCharsets.UTF_8),
              server.stop);
      List<String> args =
          new ArrayList<>(List.of("server", "--port=" + server.port, "--ui-port=" + server.uiPort));
      args.addAll(List.of(flags));
      server.exit =
          CompletableFuture.supplyAsync(() -> Offboard.execute(ctx, args.toArray(String[]::new)));
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> server.exit.isDone() || server.err().contains("Ctrl-C"));
      assertThat(server.exit.isDone()).as(server.err()).isFalse();
      return server;
    }

    String out() {
      return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
      return err.toString(StandardCharsets.UTF_8);
    }

    void stop() throws Exception {
      stop.requestStop();
      assertThat(exit.get(60, TimeUnit.SECONDS)).as(err()).isZero();
    }
  }
}
