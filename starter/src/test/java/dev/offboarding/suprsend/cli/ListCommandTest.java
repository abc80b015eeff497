package dev.offboarding.suprsend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testserver.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code list} on a server without visibility queries, and its usage errors. The list itself, on
 * the real Temporal server, is tested in devtools ({@code ListOnTheRealServerTest}).
 */
class ListCommandTest {

  @Test
  @SuppressWarnings("try") // the server is only there to be asked
  void onTheJavaTestServerListSaysItCannotListAndExitsTwoInsteadOfPrintingAnEmptyList() {
    int port = Cli.freePort();
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port)) {
      Map<String, String> env = Map.of("TEMPORAL_ADDRESS", "localhost:" + port);
      for (List<String> args :
          List.of(
              List.of("list"),
              List.of("list", "--state", "NEEDS_ATTENTION", "--json"),
              List.of("list", "--counts"))) {
        Cli.Run run = new Cli().run(env, args.toArray(String[]::new));
        assertThat(run.exit()).as("%s: %s", args, run.all()).isEqualTo(2);
        assertThat(run.err())
            .contains("cannot list workflows")
            .contains("UNIMPLEMENTED")
            .contains("Java test server")
            .contains("./offboard dev");
        assertThat(run.out()).as("no empty list").isEmpty();
      }
    }
  }

  @Test
  void anUnknownStateOrALimitOutOfRangeIsAUsageErrorBeforeTemporalIsAsked() {
    Map<String, String> nowhere = Map.of("TEMPORAL_ADDRESS", "localhost:" + Cli.freePort());

    Cli.Run state = new Cli().run(nowhere, "list", "--state", "PARKED");
    assertThat(state.exit()).isEqualTo(2);
    assertThat(state.err())
        .contains("--state \"PARKED\" is not a state")
        .contains("NEEDS_ATTENTION");

    Cli.Run limit = new Cli().run(nowhere, "list", "--limit", "0");
    assertThat(limit.exit()).isEqualTo(2);
    assertThat(limit.err()).contains("--limit must be between 1 and 10000");
  }
}
