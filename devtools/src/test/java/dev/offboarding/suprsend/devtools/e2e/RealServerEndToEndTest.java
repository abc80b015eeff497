package dev.offboarding.suprsend.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.cli.Cli;
import dev.offboarding.suprsend.cli.EndToEndRig;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.devtools.Offboard;
import dev.offboarding.suprsend.devtools.realserver.DevServer;
import dev.offboarding.suprsend.devtools.realserver.RealTemporal;
import dev.offboarding.suprsend.sandbox.RecordedRequest;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.ScriptedResponse;
import dev.offboarding.suprsend.sandbox.ScriptedResponse.BodyKind;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The product end to end on the real Temporal server (the Temporal CLI's dev server, SQLite): the
 * real worker in this JVM talking gRPC to it, SuprSend played by the sandbox over HTTP, and {@code
 * ./offboard} commands run through the launcher's command line. Skipped without a Temporal CLI
 * unless {@code OFFBOARD_REAL_TEMPORAL=required}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealServerEndToEndTest {

  private static final String API_KEY = "sk-real-e2e-0123456789abcdef-do-not-print";
  private static final String ROTATED_KEY = "sk-real-e2e-rotated-fedcba9876543210";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DevServer server;
  private EndToEndRig rig;
  private SuprSendSandbox sandbox;
  private final Cli cli = new Cli(Offboard::execute).neverPrints(API_KEY).neverPrints(ROTATED_KEY);

  @BeforeAll
  void startEverything() {
    server = RealTemporal.start("e2e", RealTemporal.headless("e2e"));
    rig =
        EndToEndRig.onTemporal(
            server.address(), "real-e2e", SandboxOptions.defaults().withApiKey(API_KEY), Map.of());
    sandbox = rig.sandbox();
  }

  @AfterAll
  void stopEverything() {
    if (rig != null) {
      rig.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void startWaitPrintsTheDeletedReceipt() throws Exception {
    sandbox.addUser("real-deleted");

    Cli.Run run = cli.run(rig.env(), "start", "real-deleted", "--wait", "--json");

    assertThat(run.exit()).as(run.all()).isZero();
    JsonNode receipt = JSON.readTree(run.lines().get(0));
    assertThat(receipt.get("workflowId").asText()).isEqualTo("suprsend-offboarding:real-deleted");
    assertThat(receipt.get("outcome").asText()).isEqualTo("DELETED");
    assertThat(receipt.get("httpStatus").asInt()).isEqualTo(204);
    assertThat(receipt.get("attempts").asInt()).isEqualTo(1);
    assertThat(sandbox.hasUser("real-deleted")).isFalse();
    assertThat(rig.deletesOf("real-deleted")).hasSize(1);
  }

  @Test
  void suprSendsUserNotFoundCompletesTheRunAsAlreadyAbsent() throws Exception {
    Cli.Run run = cli.run(rig.env(), "start", "real-never-existed", "--wait", "--json");

    assertThat(run.exit()).as(run.all()).isZero();
    JsonNode receipt = JSON.readTree(run.lines().get(0));
    assertThat(receipt.get("outcome").asText()).isEqualTo("ALREADY_ABSENT");
    assertThat(receipt.get("httpStatus").asInt()).isEqualTo(404);
    assertThat(rig.deletesOf("real-never-existed")).hasSize(1);
  }

  @Test
  void aNotFoundHtmlPageParksTheRunAndNeverCountsTheUserAsGone() throws Exception {
    sandbox.addUser("real-html-404");
    sandbox.script("real-html-404", ScriptedResponse.status(404, BodyKind.HTML));

    Cli.Run run = cli.run(rig.env(), "start", "real-html-404", "--wait", "--json");

    assertThat(run.exit()).as(run.all()).isEqualTo(3);
    JsonNode failure = JSON.readTree(run.lines().get(0));
    assertThat(failure.get("outcome").isNull()).isTrue();
    assertThat(failure.get("failureType").asText()).isEqualTo("SuprSendWrongEndpoint");
    assertThat(failure.get("httpStatus").asInt()).isEqualTo(404);
    assertThat(failure.get("state").asText()).isEqualTo("NEEDS_ATTENTION");
    assertThat(failure.get("error").asText()).contains("HTML page").contains("SUPRSEND_BASE_URL");
    JsonNode view = status("real-html-404");
    assertThat(view.get("temporalStatus").asText()).isEqualTo("RUNNING");
    assertThat(view.get("commands").toString()).contains("./offboard skip real-html-404");
    Thread.sleep(300); // a blind retry would come after the 100 ms initial interval
    assertThat(rig.deletesOf("real-html-404")).hasSize(1);
    assertThat(sandbox.hasUser("real-html-404")).isTrue();
  }

  @Test
  void aRateLimitIsRetriedNoSoonerThanItsRetryAfter() throws Exception {
    sandbox.addUser("real-429");
    sandbox.script("real-429", ScriptedResponse.status(429).withRetryAfter("2"));

    Cli.Run run = cli.run(rig.env(), "start", "real-429", "--wait", "--json");

    assertThat(run.exit()).as(run.all()).isZero();
    JsonNode receipt = JSON.readTree(run.lines().get(0));
    assertThat(receipt.get("outcome").asText()).isEqualTo("DELETED");
    assertThat(receipt.get("attempts").asInt()).isEqualTo(2);
    List<RecordedRequest> deletes = rig.deletesOf("real-429");
    assertThat(deletes).extracting(RecordedRequest::status).containsExactly(429, 204);
    // Without the Retry-After the next attempt would come after the 100 ms initial interval.
    assertThat(Duration.between(deletes.get(0).at(), deletes.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void statusSaysWhenTheNextAttemptIsDue() throws Exception {
    String id = "real-429-waiting";
    sandbox.addUser(id);
    sandbox.script(id, ScriptedResponse.status(429).withRetryAfter("30"));
    assertThat(cli.run(rig.env(), "start", id).exit()).isZero();
    try {
      AtomicReference<JsonNode> view = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                view.set(status(id));
                return !view.get().get("nextAttemptAt").isNull();
              });
      // Unlike Temporal's test server, the real one says when the retry is scheduled.
      Instant failedAt = rig.deletesOf(id).get(0).at();
      Instant next = Instant.parse(view.get().get("nextAttemptAt").asText());
      assertThat(next).isBetween(failedAt.plusSeconds(30), failedAt.plusSeconds(40));
      assertThat(view.get().get("state").asText()).isEqualTo("DELETING");
      assertThat(view.get().get("lastError").asText()).contains("429").contains("Retry-After");
      assertThat(cli.run(rig.env(), "status", id).out()).containsPattern("Next attempt\\s+");
    } finally {
      rig.workerConnection()
          .client()
          .newUntypedWorkflowStub(OffboardingIds.workflowIdFor(id))
          .terminate("test done");
    }
  }

  @Test
  void aRefusedKeyParksTheRunAndARetryAfterTheFixDeletesTheUser() throws Exception {
    String id = "real-401";
    sandbox.addUser(id);
    sandbox.setApiKey(ROTATED_KEY); // SuprSend's key was rotated; the worker still has the old one
    try {
      Cli.Run parked = cli.run(rig.env(), "start", id, "--wait", "--json");

      assertThat(parked.exit()).as(parked.all()).isEqualTo(3);
      JsonNode failure = JSON.readTree(parked.lines().get(0));
      assertThat(failure.get("failureType").asText()).isEqualTo("SuprSendAuthenticationFailed");
      assertThat(failure.get("httpStatus").asInt()).isEqualTo(401);
      assertThat(failure.get("state").asText()).isEqualTo("NEEDS_ATTENTION");
      assertThat(failure.get("commands").toString()).contains("./offboard retry " + id);
      Thread.sleep(300);
      assertThat(rig.deletesOf(id)).extracting(RecordedRequest::status).containsExactly(401);

      rig.restartWorker(Map.of("SUPRSEND_API_KEY", ROTATED_KEY)); // the fix: redeploy the key
      Cli.Run retry = cli.run(rig.env(), "retry", id, "--note", "key rotated", "--operator", "al");
      Cli.Run receipt = cli.run(rig.env(), "start", id, "--wait", "--json");

      assertThat(retry.exit()).as(retry.all()).isZero();
      assertThat(retry.out()).contains("retry accepted for " + id + " (by al");
      assertThat(receipt.exit()).as(receipt.all()).isZero();
      JsonNode r = JSON.readTree(receipt.lines().get(0));
      assertThat(r.get("outcome").asText()).isEqualTo("DELETED");
      assertThat(r.get("attempts").asInt()).isEqualTo(2);
      assertThat(r.get("runId").asText()).isEqualTo(failure.get("runId").asText());
      assertThat(r.get("operatorActions").get(0).get("note").asText()).isEqualTo("key rotated");
      assertThat(rig.deletesOf(id)).extracting(RecordedRequest::status).containsExactly(401, 204);
      assertThat(sandbox.hasUser(id)).isFalse();
    } finally {
      sandbox.setApiKey(rig.env().get("SUPRSEND_API_KEY")); // the worker's, for the next tests
    }
  }

  @Test
  void aCancelledGracePeriodEndsCancelledWithTheListsRestored() throws Exception {
    String id = "real-grace";
    sandbox.addUser(id);
    sandbox.subscribe(id, "newsletter");
    Cli.Run started =
        cli.run(rig.env(), "start", id, "--grace-period", "PT72H", "--reason", "closed");
    assertThat(started.exit()).as(started.all()).isZero();
    JsonNode waiting = rig.awaitState(cli, id, "GRACE_PERIOD");
    assertThat(waiting.get("commands").toString()).contains("./offboard cancel " + id);
    assertThat(sandbox.listsOf(id)).isEmpty();

    Cli.Run cancel =
        cli.run(rig.env(), "cancel", id, "--note", "changed their mind", "--operator", "bob");

    assertThat(cancel.exit()).as(cancel.all()).isZero();
    JsonNode done = rig.awaitState(cli, id, "COMPLETED");
    assertThat(done.get("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(sandbox.listsOf(id)).containsExactly("newsletter");
    assertThat(sandbox.hasUser(id)).isTrue();
    assertThat(rig.deletesOf(id)).isEmpty();
  }

  @Test
  void aRejectedApprovalEndsRejectedAndDeletesNothing() throws Exception {
    String id = "real-approval";
    sandbox.addUser(id);
    Cli.Run started = cli.run(rig.env(), "start", id, "--require-approval");
    assertThat(started.exit()).as(started.all()).isZero();
    JsonNode waiting = rig.awaitState(cli, id, "AWAITING_APPROVAL");
    assertThat(waiting.get("commands").toString()).contains("./offboard approve " + id);

    Cli.Run reject =
        cli.run(rig.env(), "reject", id, "--note", "legal hold", "--operator", "carol");

    assertThat(reject.exit()).as(reject.all()).isZero();
    JsonNode done = rig.awaitState(cli, id, "COMPLETED");
    assertThat(done.get("outcome").asText()).isEqualTo("REJECTED");
    assertThat(sandbox.hasUser(id)).isTrue();
    assertThat(rig.deletesOf(id)).isEmpty();
  }

  private JsonNode status(String id) throws Exception {
    Cli.Run run = cli.run(rig.env(), "status", id, "--json");
    assertThat(run.exit()).as(run.all()).isZero();
    return JSON.readTree(run.out());
  }
}
