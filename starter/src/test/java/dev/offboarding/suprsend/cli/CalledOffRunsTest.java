package dev.offboarding.suprsend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's decision stands: after a run ended {@code REJECTED}, {@code CANCELLED} or {@code
 * ABORTED}, {@code start} and {@code bulk} start nothing without {@code --again}, and a new run
 * after a rejection waits for approval again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalledOffRunsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EndToEndRig rig;
  private Map<String, String> env;
  private final Cli cli = new Cli();
  @TempDir Path dir;

  @BeforeAll
  void startEverything() {
    rig = EndToEndRig.start("called-off", SandboxOptions.defaults(), Map.of());
    env = rig.env();
    cli.neverPrints(rig.sandbox().apiKey());
  }

  @AfterAll
  void stopEverything() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void aRejectedUserIsNotStartedAgainAndAgainWaitsForApprovalOnceMore() throws Exception {
    String id = "co-rejected";
    rig.sandbox().addUser(id);
    assertThat(cli.run(env, "start", "--require-approval", id).exit()).isZero();
    awaitState(id, "AWAITING_APPROVAL");
    assertThat(cli.run(env, "reject", id, "--note", "legal hold").exit()).isZero();
    awaitOutcome(id, "REJECTED");

    Cli.Run plain = cli.run(env, "start", id);
    Cli.Run waited = cli.run(env, "start", id, "--wait", "--json");
    Cli.Run plainJson = cli.run(env, "start", id, "--json");

    assertThat(plain.exit()).as(plain.all()).isEqualTo(3);
    assertThat(plain.out()).contains("called off earlier: not started").contains("REJECTED");
    assertThat(plain.err()).contains("--again");
    assertThat(waited.exit()).as(waited.all()).isEqualTo(3);
    assertThat(JSON.readTree(waited.lines().get(0)).get("outcome").asText()).isEqualTo("REJECTED");
    assertThat(waited.err()).contains("called off earlier: not started");
    assertThat(plainJson.exit()).isEqualTo(3);
    assertThat(JSON.readTree(plainJson.lines().get(0)).get("start").asText())
        .isEqualTo("CALLED_OFF");
    assertThat(rig.deletesOf(id)).as("the rejection stands").isEmpty();
    assertThat(rig.sandbox().hasUser(id)).isTrue();

    Cli.Run again = cli.run(env, "start", id, "--again", "--wait");

    assertThat(again.exit()).as(again.all()).isEqualTo(3);
    assertThat(again.err()).contains("waits in AWAITING_APPROVAL");
    assertThat(awaitState(id, "AWAITING_APPROVAL").get("commands").toString())
        .contains("./offboard approve " + id);
    assertThat(rig.deletesOf(id)).isEmpty();
    assertThat(cli.run(env, "approve", id).exit()).isZero();
    awaitOutcome(id, "DELETED");
    assertThat(rig.deletesOf(id)).hasSize(1);
  }

  @Test
  void anExplicitNoApprovalAfterARejectionDeletesAtOnce() throws Exception {
    String id = "co-explicit";
    rig.sandbox().addUser(id);
    assertThat(cli.run(env, "start", id, "--require-approval").exit()).isZero();
    awaitState(id, "AWAITING_APPROVAL");
    assertThat(cli.run(env, "reject", id).exit()).isZero();
    awaitOutcome(id, "REJECTED");

    Cli.Run again =
        cli.run(env, "start", id, "--again", "--require-approval=false", "--wait", "--json");

    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(JSON.readTree(again.lines().get(0)).get("outcome").asText()).isEqualTo("DELETED");
    assertThat(rig.deletesOf(id)).hasSize(1);
  }

  @Test
  void bulkSkipsACancelledUserUntilAgainIsGiven() throws Exception {
    String id = "co-cancelled";
    rig.sandbox().addUser(id);
    rig.sandbox().addUser("co-fresh");
    assertThat(cli.run(env, "start", id, "--grace-period", "PT72H").exit()).isZero();
    awaitState(id, "GRACE_PERIOD");
    assertThat(cli.run(env, "cancel", id).exit()).isZero();
    awaitOutcome(id, "CANCELLED");
    Path input = Files.writeString(dir.resolve("users.txt"), id + "\nco-fresh\n");
    Path report = dir.resolve("report.csv");

    Cli.Run bulk =
        cli.run(
            env,
            "bulk",
            input.toString(),
            "--wait",
            "--report",
            report.toString(),
            "--progress",
            "none");

    assertThat(bulk.exit()).as(bulk.all()).isEqualTo(3);
    assertThat(bulk.out())
        .containsPattern("(?m)^\\s*called off earlier \\(not started\\)\\s+1\\s*$");
    assertThat(bulk.err()).contains("--again");
    List<String> rows = Files.readAllLines(report);
    assertThat(rows)
        .anyMatch(
            r ->
                r.startsWith("1," + id + ",suprsend-offboarding:" + id + ",")
                    && r.contains(",CALLED_OFF,CANCELLED,")
                    && r.contains("called off earlier: not started"))
        .anyMatch(r -> r.startsWith("2,co-fresh,") && r.contains(",STARTED,DELETED,"));
    assertThat(rig.deletesOf(id)).isEmpty();

    Cli.Run again =
        cli.run(env, "bulk", input.toString(), "--again", "--wait", "--progress", "none");

    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(again.out()).containsPattern("(?m)^\\s*started again[^\\n]*\\s+1\\s*$");
    assertThat(rig.deletesOf(id)).hasSize(1);
    assertThat(rig.deletesOf("co-fresh")).hasSize(1);
  }

  @Test
  void bulkAgainAfterARejectionWaitsForApproval() throws Exception {
    String id = "co-bulk-rejected";
    rig.sandbox().addUser(id);
    assertThat(cli.run(env, "start", id, "--require-approval").exit()).isZero();
    awaitState(id, "AWAITING_APPROVAL");
    assertThat(cli.run(env, "reject", id).exit()).isZero();
    awaitOutcome(id, "REJECTED");
    Path input = Files.writeString(dir.resolve("rejected.txt"), id + "\n");

    Cli.Run again =
        cli.run(env, "bulk", input.toString(), "--again", "--wait", "--progress", "none");

    assertThat(again.exit()).as(again.all()).isEqualTo(3);
    assertThat(again.out()).containsPattern("(?m)^\\s*AWAITING_APPROVAL\\s+1\\s*$");
    assertThat(rig.deletesOf(id)).isEmpty();
  }

  private JsonNode awaitOutcome(String id, String outcome) throws Exception {
    JsonNode view = awaitState(id, "COMPLETED");
    assertThat(view.get("outcome").asText()).isEqualTo(outcome);
    return view;
  }

  private JsonNode awaitState(String id, String state) throws Exception {
    return rig.awaitState(cli, id, state);
  }
}
