package dev.offboarding.suprsend.devtools.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.cli.Cli;
import dev.offboarding.suprsend.cli.EndToEndRig;
import dev.offboarding.suprsend.devtools.Offboard;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.ScriptedResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ./offboard list} and the UI link of {@code status} on the real Temporal server, with the
 * real worker in this JVM and the sandbox: the list by state is exactly the runs in that state.
 */
class ListOnTheRealServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void listByStateShowsExactlyTheRunsThatWaitForAnOperatorAndCountsEveryState() throws Exception {
    Map<String, String> extra = Map.of("OFFBOARDING_UI_URL", "http://ui.example:8080/");
    try (DevServer server = RealTemporal.start("list", RealTemporal.headless("list"));
        EndToEndRig rig =
            EndToEndRig.onTemporal(
                server.address(), "list-real-server", SandboxOptions.defaults(), extra)) {
      rig.sandbox().addUsers(List.of("list-deleted", "list-401-a", "list-401-b", "list-grace"));
      rig.sandbox().script("list-401-a", ScriptedResponse.status(401));
      rig.sandbox().script("list-401-b", ScriptedResponse.status(401));
      Cli cli = new Cli(Offboard::execute);
      Map<String, String> env = rig.env();

      Cli.Run done = cli.run(env, "start", "list-deleted", "list-absent", "--wait", "--json");
      assertThat(done.exit()).as(done.all()).isZero();
      Cli.Run parked = cli.run(env, "start", "list-401-a", "list-401-b", "--wait", "--json");
      assertThat(parked.exit()).as(parked.all()).isEqualTo(3); // they wait for an operator
      Cli.Run grace = cli.run(env, "start", "list-grace", "--grace-period", "PT1H");
      assertThat(grace.exit()).as(grace.all()).isZero();

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                List<JsonNode> rows =
                    rows(cli.run(env, "list", "--state", "NEEDS_ATTENTION", "--json"));
                assertThat(rows)
                    .extracting(r -> r.get("distinctId").asText())
                    .containsExactlyInAnyOrder("list-401-a", "list-401-b");
                assertThat(rows)
                    .allSatisfy(
                        r -> assertThat(r.get("state").asText()).isEqualTo("NEEDS_ATTENTION"));
                assertThat(rows)
                    .allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("RUNNING"));
                assertThat(rows)
                    .allSatisfy(
                        r ->
                            assertThat(r.get("workflowId").asText())
                                .isEqualTo("suprsend-offboarding:" + r.get("distinctId").asText()));
              });
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                Cli.Run counts = cli.run(env, "list", "--counts", "--json");
                assertThat(counts.exit()).as(counts.all()).isZero();
                JsonNode c = JSON.readTree(counts.out());
                assertThat(c.get("total").asLong()).isEqualTo(5);
                assertThat(c.get("byState").get("NEEDS_ATTENTION").asLong()).isEqualTo(2);
                assertThat(c.get("byState").get("COMPLETED").asLong()).isEqualTo(2);
                assertThat(c.get("byState").get("GRACE_PERIOD").asLong()).isEqualTo(1);
                assertThat(c.get("byState").get("DELETING").asLong()).isZero();
                assertThat(c.get("withoutState").asLong()).isZero();
              });

      // An operator retries one (the key "fixed": the sandbox's next answer is a success).
      Cli.Run retry = cli.run(env, "retry", "list-401-a", "--note", "key rotated");
      assertThat(retry.exit()).as(retry.all()).isZero();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(rows(cli.run(env, "list", "--state", "needs_attention", "--json")))
                      .extracting(r -> r.get("distinctId").asText())
                      .containsExactly("list-401-b"));

      // The table, the limit, a further query, and where to see the same in the UI.
      Cli.Run table =
          cli.run(env, "list", "--query", "ExecutionStatus=\"Running\"", "--limit", "1");
      assertThat(table.exit()).as(table.all()).isZero();
      assertThat(table.lines().get(0))
          .startsWith("ID")
          .contains("STATE", "STATUS", "STARTED", "WORKFLOW ID");
      assertThat(table.lines()).hasSize(2);
      assertThat(table.lines().get(1)).contains("RUNNING");
      assertThat(table.err())
          .contains("1 run (more match: raise --limit")
          .contains(
              "http://ui.example:8080/namespaces/default/workflows?query=WorkflowType%3D%22UserOffboarding%22"
                  + "%20AND%20%28ExecutionStatus%3D%22Running%22%29");

      Cli.Run status = cli.run(env, "status", "list-401-b");
      assertThat(status.exit()).as(status.all()).isZero();
      String runId =
          JSON.readTree(cli.run(env, "status", "list-401-b", "--json").out()).get("runId").asText();
      assertThat(status.out())
          .containsPattern(
              "Temporal UI +http://ui\\.example:8080/namespaces/default/workflows/"
                  + "suprsend-offboarding%3Alist-401-b/"
                  + runId);
    }
  }

  private static List<JsonNode> rows(Cli.Run run) throws IOException {
    assertThat(run.exit()).as(run.all()).isZero();
    List<JsonNode> rows = new ArrayList<>();
    for (String line : run.lines()) {
      rows.add(JSON.readTree(line));
    }
    return rows;
  }
}
