package dev.offboarding.suprsend.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.sandbox.RecordedRequest;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.ScriptedResponse;
import dev.offboarding.suprsend.sandbox.ScriptedResponse.BodyKind;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.worker.TemporalConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CLI end to end in one JVM: Temporal's test server bound to a port in real time, the real
 * worker connected to it over gRPC, the SuprSend sandbox, and {@code ./offboard} commands run
 * through picocli with their own environment and captured output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {

  private static final String API_KEY = "sk-e2e-0123456789abcdef-do-not-print";
  private static final String WRONG_KEY = "sk-e2e-wrong-fedcba9876543210";
  private static final ObjectMapper JSON = new ObjectMapper();

  private EndToEndRig rig;
  private SuprSendSandbox sandbox;
  private TemporalConnection workerConnection;
  private Map<String, String> env;
  private final Cli cli = new Cli().neverPrints(API_KEY).neverPrints(WRONG_KEY);

  @BeforeAll
  void startEverything() {
    rig =
        EndToEndRig.start(
            "e2e-offboarding", SandboxOptions.defaults().withApiKey(API_KEY), Map.of());
    sandbox = rig.sandbox();
    workerConnection = rig.workerConnection();
    env = rig.env();
  }

  @AfterAll
  void stopEverything() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void startWaitJsonPrintsTheDeletedReceipt() throws Exception {
    sandbox.addUser("e2e-deleted");

    Cli.Run run = cli.run(env, "start", "e2e-deleted", "--wait", "--json", "--reason", "test");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.lines()).hasSize(1);
    JsonNode receipt = JSON.readTree(run.lines().get(0));
    assertThat(receipt.get("distinctId").asText()).isEqualTo("e2e-deleted");
    assertThat(receipt.get("workflowId").asText()).isEqualTo("suprsend-offboarding:e2e-deleted");
    assertThat(receipt.get("outcome").asText()).isEqualTo("DELETED");
    assertThat(receipt.get("httpStatus").asInt()).isEqualTo(204);
    assertThat(receipt.get("attempts").asInt()).isEqualTo(1);
    assertThat(receipt.get("reason").asText()).isEqualTo("test");
    assertThat(receipt.get("completedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(sandbox.hasUser("e2e-deleted")).isFalse();
  }

  @Test
  void aSecondStartPrintsTheExistingReceiptAndDeletesNothing() throws Exception {
    sandbox.addUser("e2e-twice");
    Cli.Run first = cli.run(env, "start", "e2e-twice", "--wait", "--json");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(deletesOf("e2e-twice")).hasSize(1);

    Cli.Run second = cli.run(env, "start", "e2e-twice", "--wait", "--json");
    Cli.Run third = cli.run(env, "start", "e2e-twice");

    assertThat(second.exit()).as(second.err()).isZero();
    JsonNode a = JSON.readTree(first.lines().get(0));
    JsonNode b = JSON.readTree(second.lines().get(0));
    assertThat(b.get("outcome").asText()).isEqualTo("DELETED");
    assertThat(b.get("runId").asText()).isEqualTo(a.get("runId").asText());
    assertThat(third.exit()).isZero();
    assertThat(third.out()).contains("already offboarded").contains(a.get("runId").asText());
    assertThat(deletesOf("e2e-twice")).as("no second DELETE").hasSize(1);
  }

  @Test
  void aMissingUserIsAlreadyAbsent() throws Exception {
    Cli.Run run = cli.run(env, "start", "e2e-never-existed", "--wait", "--json");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode receipt = JSON.readTree(run.lines().get(0));
    assertThat(receipt.get("outcome").asText()).isEqualTo("ALREADY_ABSENT");
    assertThat(receipt.get("httpStatus").asInt()).isEqualTo(404);
  }

  @Test
  void aHostileIdReachesSuprSendDecodedExactlyAndIsDeleted() throws Exception {
    String hostile = "a/b ?#%";
    sandbox.addUser(hostile);

    Cli.Run run = cli.run(env, "start", hostile, "--wait", "--json");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode receipt = JSON.readTree(run.lines().get(0));
    assertThat(receipt.get("distinctId").asText()).isEqualTo(hostile);
    assertThat(receipt.get("outcome").asText()).isEqualTo("DELETED");
    List<RecordedRequest> deletes = deletesOf(hostile);
    assertThat(deletes).hasSize(1);
    assertThat(deletes.get(0).rawPath()).isEqualTo("/v1/user/a%2Fb%20%3F%23%25/");
    assertThat(sandbox.hasUser(hostile)).isFalse();
    assertThat(sandbox.hasUser("a")).isFalse();
  }

  @Test
  void aRefusedKeyParksTheRunOnceWithoutBlindRetries() throws Exception {
    sandbox.addUser("e2e-refused");
    sandbox.script("e2e-refused", ScriptedResponse.status(401));

    Cli.Run run = cli.run(env, "start", "e2e-refused", "--wait", "--json");

    assertThat(run.exit()).isEqualTo(3);
    JsonNode failure = JSON.readTree(run.lines().get(0));
    assertThat(failure.get("distinctId").asText()).isEqualTo("e2e-refused");
    assertThat(failure.get("workflowId").asText()).isEqualTo("suprsend-offboarding:e2e-refused");
    assertThat(failure.get("outcome").isNull()).isTrue();
    assertThat(failure.get("failureType").asText()).isEqualTo("SuprSendAuthenticationFailed");
    assertThat(failure.get("error").asText()).contains("refused").contains("SUPRSEND_API_KEY");
    assertThat(failure.get("httpStatus").asInt()).isEqualTo(401);
    assertThat(failure.get("state").asText()).isEqualTo("NEEDS_ATTENTION");
    assertThat(failure.get("commands").toString()).contains("./offboard retry e2e-refused");
    assertThat(run.err()).contains("did not complete").contains("SuprSendAuthenticationFailed");
    Thread.sleep(300); // a blind retry would come after the 100 ms initial interval
    assertThat(deletesOf("e2e-refused")).hasSize(1);
    assertThat(sandbox.hasUser("e2e-refused")).isTrue();
  }

  @Test
  void aParkedRunDeletesOnRetryOnceTheCauseIsFixed() throws Exception {
    sandbox.addUser("e2e-again");
    sandbox.script("e2e-again", ScriptedResponse.status(401)); // fixed once the script is used
    Cli.Run parked = cli.run(env, "start", "e2e-again", "--wait", "--json");
    assertThat(parked.exit()).isEqualTo(3);
    assertThat(parked.err()).contains("./offboard retry e2e-again");

    Cli.Run retry =
        cli.run(env, "retry", "e2e-again", "--note", "key rotated", "--operator", "alice");
    Cli.Run receipt = cli.run(env, "start", "e2e-again", "--wait", "--json");

    assertThat(retry.exit()).as(retry.err()).isZero();
    assertThat(retry.out()).contains("retry accepted for e2e-again (by alice");
    assertThat(receipt.exit()).as(receipt.err()).isZero();
    JsonNode r = JSON.readTree(receipt.lines().get(0));
    assertThat(r.get("outcome").asText()).isEqualTo("DELETED");
    assertThat(r.get("attempts").asInt()).isEqualTo(2);
    assertThat(r.get("runId").asText())
        .isEqualTo(JSON.readTree(parked.lines().get(0)).get("runId").asText());
    assertThat(r.get("operatorActions").get(0).get("operator").asText()).isEqualTo("alice");
    assertThat(r.get("operatorActions").get(0).get("note").asText()).isEqualTo("key rotated");
    assertThat(sandbox.hasUser("e2e-again")).isFalse();

    Cli.Run late = cli.run(env, "abort", "e2e-again");
    assertThat(late.exit()).isEqualTo(2);
    assertThat(late.err()).contains("abort refused").contains("has ended (COMPLETED)");
  }

  @Test
  void aCancelledGracePeriodRestoresTheListsAndRefusesWrongActions() throws Exception {
    sandbox.addUser("e2e-grace");
    sandbox.subscribe("e2e-grace", "newsletter");
    Cli.Run started =
        cli.run(env, "start", "e2e-grace", "--grace-period", "PT72H", "--reason", "closed");
    assertThat(started.exit()).as(started.err()).isZero();
    JsonNode view = awaitState("e2e-grace", "GRACE_PERIOD");
    assertThat(view.get("waitingFor").asText()).contains("grace period");
    assertThat(view.get("commands").toString()).contains("./offboard cancel e2e-grace");
    assertThat(sandbox.listsOf("e2e-grace")).isEmpty();

    Cli.Run wrong = cli.run(env, "retry", "e2e-grace");
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err())
        .contains("retry refused")
        .contains("GRACE_PERIOD")
        .doesNotContain("type=", "nonRetryable", "IllegalStateException");

    Cli.Run cancel =
        cli.run(env, "cancel", "e2e-grace", "--note", "changed their mind", "--operator", "bob");
    assertThat(cancel.exit()).as(cancel.err()).isZero();
    JsonNode done = awaitState("e2e-grace", "COMPLETED");
    assertThat(done.get("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(sandbox.listsOf("e2e-grace")).containsExactly("newsletter");
    assertThat(sandbox.hasUser("e2e-grace")).isTrue();
    assertThat(deletesOf("e2e-grace")).isEmpty();

    Cli.Run bad = cli.run(env, "start", "e2e-grace-2", "--grace-period", "72h");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("PT72H");
  }

  private JsonNode awaitState(String id, String state) throws Exception {
    return rig.awaitState(cli, id, state);
  }

  @Test
  void aTransientFailureIsRetriedAndTheTableSaysSo() {
    sandbox.addUser("e2e-flaky");
    sandbox.script("e2e-flaky", ScriptedResponse.status(503, BodyKind.HTML), ScriptedResponse.ok());

    Cli.Run run = cli.run(env, "start", "e2e-flaky", "--wait");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.lines().get(0)).startsWith("ID").contains("OUTCOME").contains("ATTEMPTS");
    assertThat(run.lines().get(1))
        .matches("e2e-flaky\\s+DELETED\\s+204\\s+2\\s+deleted after 2 attempts");
    assertThat(deletesOf("e2e-flaky")).hasSize(2);
  }

  @Test
  void startWithoutWaitPrintsWorkflowAndRunIds() throws Exception {
    sandbox.addUser("e2e-nowait-1");
    sandbox.addUser("e2e-nowait-2");

    Cli.Run table = cli.run(env, "start", "e2e-nowait-1");
    Cli.Run json = cli.run(env, "start", "e2e-nowait-2", "--json");

    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.lines().get(1))
        .matches("e2e-nowait-1\\s+suprsend-offboarding:e2e-nowait-1\\s+[0-9a-f-]{36}\\s+.*");
    assertThat(json.exit()).isZero();
    JsonNode line = JSON.readTree(json.lines().get(0));
    assertThat(line.get("workflowId").asText()).isEqualTo("suprsend-offboarding:e2e-nowait-2");
    assertThat(line.get("runId").asText()).hasSize(36);
    assertThat(line.get("start").asText()).isIn("STARTED", "ALREADY_RUNNING");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !sandbox.hasUser("e2e-nowait-1") && !sandbox.hasUser("e2e-nowait-2"));
  }

  @Test
  void statusOfACompletedRun() throws Exception {
    sandbox.addUser("e2e-status-done");
    assertThat(cli.run(env, "start", "e2e-status-done", "--wait").exit()).isZero();

    Cli.Run json = cli.run(env, "status", "e2e-status-done", "--json");
    Cli.Run table = cli.run(env, "status", "e2e-status-done");

    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode view = JSON.readTree(json.out());
    assertThat(view.get("temporalStatus").asText()).isEqualTo("COMPLETED");
    assertThat(view.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(view.get("outcome").asText()).isEqualTo("DELETED");
    assertThat(view.get("attempts").asInt()).isEqualTo(1);
    assertThat(view.get("workflowId").asText()).isEqualTo("suprsend-offboarding:e2e-status-done");
    assertThat(table.exit()).isZero();
    assertThat(table.out()).contains("COMPLETED").contains("DELETED");
  }

  @Test
  void statusOfARunThatNeedsAttention() throws Exception {
    sandbox.addUser("e2e-status-failed");
    sandbox.script("e2e-status-failed", ScriptedResponse.status(403));
    assertThat(cli.run(env, "start", "e2e-status-failed", "--wait").exit()).isEqualTo(3);

    Cli.Run json = cli.run(env, "status", "e2e-status-failed", "--json");
    Cli.Run table = cli.run(env, "status", "e2e-status-failed");

    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode view = JSON.readTree(json.out());
    assertThat(view.get("temporalStatus").asText()).isEqualTo("RUNNING");
    assertThat(view.get("state").asText()).isEqualTo("NEEDS_ATTENTION");
    assertThat(view.get("commands").toString()).contains("./offboard skip e2e-status-failed");
    assertThat(table.out()).contains("Move it on").contains("./offboard abort e2e-status-failed");
    assertThat(view.get("failureType").asText()).isEqualTo("SuprSendAuthorizationFailed");
    assertThat(view.get("httpStatus").asInt()).isEqualTo(403);
    assertThat(view.get("lastError").asText()).contains("403");
  }

  @Test
  void statusOfARunWaitingForItsNextAttempt() throws Exception {
    String id = "e2e-status-waiting";
    sandbox.addUser(id);
    sandbox.script(id, ScriptedResponse.status(429).withRetryAfter("30"));
    assertThat(cli.run(env, "start", id).exit()).isZero();

    // Temporal's test server reports the pending retry (attempt 2 and the last failure) but,
    // unlike a real server, no next attempt time: the view shows it only when Temporal has it.
    AtomicReference<JsonNode> view = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              view.set(JSON.readTree(cli.run(env, "status", id, "--json").out()));
              return view.get().get("attempts").asInt() == 2;
            });
    Cli.Run table = cli.run(env, "status", id);
    Cli.Run again = cli.run(env, "start", id, "--json");
    try {
      JsonNode start = JSON.readTree(again.lines().get(0));
      assertThat(start.get("start").asText()).isEqualTo("ALREADY_RUNNING");
      assertThat(start.get("runId").asText()).isEqualTo(view.get().get("runId").asText());
      JsonNode v = view.get();
      assertThat(v.get("temporalStatus").asText()).isEqualTo("RUNNING");
      assertThat(v.get("state").asText()).isEqualTo("DELETING");
      assertThat(v.get("attempts").asInt()).isEqualTo(2);
      assertThat(v.get("lastError").asText()).contains("429").contains("Retry-After");
      assertThat(v.get("outcome").isNull()).isTrue();
      assertThat(table.out())
          .containsPattern("Temporal status\\s+RUNNING")
          .containsPattern("Attempts\\s+2")
          .containsPattern("Last error\\s+SuprSend answered 429");
    } finally {
      workerConnection
          .client()
          .newUntypedWorkflowStub(OffboardingIds.workflowIdFor(id))
          .terminate("test done");
    }
  }

  @Test
  void statusOfAnUnknownIdExits2() {
    Cli.Run run = cli.run(env, "status", "e2e-nobody");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("no offboarding found for \"e2e-nobody\"");
  }

  @Test
  void checkPassesWithAWorkingKey() {
    Cli.Run run = cli.run(env, "check");

    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out())
        .containsPattern("Temporal\\s+ok")
        .containsPattern("Configuration\\s+ok")
        .containsPattern("SuprSend API key\\s+ok")
        // Temporal's test server cannot list search attributes (SearchAttributeCheckTest can).
        .containsPattern("Search attributes\\s+skipped\\s+this Temporal server cannot list");
    assertThat(sandbox.requests())
        .anyMatch(
            r -> r.method().equals("GET") && r.rawPath().startsWith("/v1/user/offboard-check-"));
  }

  @Test
  void checkSaysTheKeyWasRefused() {
    Map<String, String> wrong = new HashMap<>(env);
    wrong.put("SUPRSEND_API_KEY", WRONG_KEY);

    Cli.Run run = cli.run(wrong, "check");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).containsPattern("SuprSend API key\\s+FAILED");
    assertThat(run.err()).contains("the key was refused");
  }

  @Test
  void checkAndStartExit4WhenTemporalIsUnreachable() {
    Map<String, String> nowhere = new HashMap<>(env);
    nowhere.put("TEMPORAL_ADDRESS", "localhost:" + Cli.freePort());
    int before = sandbox.requests().size();

    Cli.Run check = cli.run(nowhere, "check");
    Cli.Run start = cli.run(nowhere, "start", "e2e-unreachable", "--wait");
    Cli.Run status = cli.run(nowhere, "status", "e2e-unreachable");

    assertThat(check.exit()).isEqualTo(4);
    assertThat(check.err()).contains("Temporal is unreachable");
    assertThat(start.exit()).isEqualTo(4);
    assertThat(start.err().lines().toList()).hasSize(1);
    assertThat(start.err()).contains("Temporal is unreachable at localhost:");
    assertThat(status.exit()).isEqualTo(4);
    assertThat(sandbox.requests().size() - before).as("only check's probe").isEqualTo(1);
  }

  @Test
  void theTemporalApiKeyIsNeverPrinted() {
    String temporalKey = "temporal-e2e-secret-key-42";
    Map<String, String> withKey = new HashMap<>(env);
    withKey.put("TEMPORAL_API_KEY", temporalKey); // turns TLS on: no test server answers it
    withKey.put("TEMPORAL_ADDRESS", "localhost:" + Cli.freePort());

    Cli.Run run = new Cli().neverPrints(temporalKey).neverPrints(API_KEY).run(withKey, "check");

    assertThat(run.exit()).isEqualTo(4);
  }

  @Test
  void badIdsAreRejectedBeforeAnythingIsSent() {
    sandbox.addUser("e2e-good-but-not-started");
    int before = sandbox.requests().size();

    Cli.Run run = cli.run(env, "start", "e2e-good-but-not-started", "", "a\u0007b", "--wait");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("ID #2 \"\": distinctId is blank")
        .contains("ID #3 \"a\\u0007b\": distinctId contains the control character U+0007")
        .contains("Nothing was started")
        .doesNotContain("\u0007");
    assertThat(sandbox.requests()).hasSize(before);
    assertThat(sandbox.hasUser("e2e-good-but-not-started")).isTrue();
    assertThat(cli.run(env, "status", "e2e-good-but-not-started").exit()).isEqualTo(2);
    assertThat(cli.run(env, "status", " ").exit()).isEqualTo(2);
  }

  private List<RecordedRequest> deletesOf(String id) {
    return rig.deletesOf(id);
  }
}
