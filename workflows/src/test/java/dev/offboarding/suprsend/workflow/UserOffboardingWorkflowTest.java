package dev.offboarding.suprsend.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import dev.offboarding.suprsend.contract.OperatorRequest;
import dev.offboarding.suprsend.contract.Outcome;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The workflow end to end on Temporal's time-skipping test server, SuprSend served by WireMock. */
class UserOffboardingWorkflowTest {

  static final String USER_NOT_FOUND =
      "{\"code\":404,\"message\":\"user [distinct_id: 'gone'] not found\"}";

  @RegisterExtension
  static WireMockExtension suprSend =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private OffboardingTestRig rig;

  @BeforeEach
  void setUp() {
    rig = new OffboardingTestRig(suprSend, RetrySettings.delete());
  }

  @AfterEach
  void tearDown() {
    rig.close();
  }

  /** Answers the given responses to successive deletes, the last one from then on. */
  private static void answerInTurn(ResponseDefinitionBuilder... responses) {
    for (int i = 0; i < responses.length; i++) {
      String state = i == 0 ? Scenario.STARTED : "call-" + i;
      suprSend.stubFor(
          delete(urlPathMatching("/v1/user/.*"))
              .inScenario("turns")
              .whenScenarioStateIs(state)
              .willReturn(responses[i])
              .willSetStateTo(i + 1 < responses.length ? "call-" + (i + 1) : state));
    }
  }

  private static int deleteCalls() {
    return suprSend.findAll(deleteRequestedFor(urlPathMatching("/v1/user/.*"))).size();
  }

  @Test
  void deletesTheUserAndReturnsTheReceipt() {
    answerInTurn(aResponse().withStatus(204));
    UserOffboarding workflow = rig.stubFor("user-1");
    OffboardingReceipt receipt =
        workflow.offboard(new OffboardingRequest("user-1", "account closed", "gdpr-service"));

    assertThat(receipt.distinctId()).isEqualTo("user-1");
    assertThat(receipt.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(receipt.httpStatus()).isEqualTo(204);
    assertThat(receipt.attempts()).isEqualTo(1);
    assertThat(receipt.workflowId()).isEqualTo("suprsend-offboarding:user-1");
    assertThat(receipt.runId()).isNotBlank();
    assertThat(receipt.reason()).isEqualTo("account closed");
    assertThat(receipt.requestedBy()).isEqualTo("gdpr-service");
    assertThat(receipt.completedAt()).isAfterOrEqualTo(receipt.startedAt());

    OffboardingStatus status = workflow.status();
    assertThat(status.state()).isEqualTo(OffboardingState.COMPLETED);
    assertThat(status.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(status.attempts()).isEqualTo(1);
  }

  @Test
  void suprSendsNotFoundIsACompletedAlreadyAbsentOutcome() {
    answerInTurn(
        aResponse()
            .withStatus(404)
            .withHeader("Content-Type", "application/json")
            .withBody(USER_NOT_FOUND));
    OffboardingReceipt receipt = rig.offboard("gone");
    assertThat(receipt.outcome()).isEqualTo(Outcome.ALREADY_ABSENT);
    assertThat(receipt.httpStatus()).isEqualTo(404);
  }

  @Test
  void transientFailuresAreRetriedDurablyUntilDeleted() {
    answerInTurn(
        aResponse().withStatus(500),
        aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody("<html/>"),
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        aResponse().withStatus(204));
    OffboardingReceipt receipt = rig.offboard("flaky");
    assertThat(receipt.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(receipt.attempts()).isEqualTo(4);
    assertThat(deleteCalls()).isEqualTo(4);
    // Exponential backoff: 1 s, 2 s, 4 s between attempts.
    var at = rig.delete.attemptStartedAt;
    assertThat(Duration.between(at.get(0), at.get(1)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(Duration.between(at.get(2), at.get(3)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void noAttemptBeforeRetryAfter() {
    answerInTurn(
        aResponse().withStatus(429).withHeader("Retry-After", "120"), aResponse().withStatus(204));
    OffboardingReceipt receipt = rig.offboard("limited");
    assertThat(receipt.attempts()).isEqualTo(2);
    var at = rig.delete.attemptStartedAt;
    Duration gap = Duration.between(at.get(0), at.get(1));
    assertThat(gap)
        .isGreaterThanOrEqualTo(Duration.ofSeconds(120))
        .isLessThan(Duration.ofSeconds(130));
  }

  @Test
  void rateLimitWithoutRetryAfterUsesNormalBackoff() {
    answerInTurn(aResponse().withStatus(429), aResponse().withStatus(204));
    rig.offboard("limited-no-header");
    var at = rig.delete.attemptStartedAt;
    assertThat(Duration.between(at.get(0), at.get(1))).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void authenticationFailureIsNotRetriedAndParksTheRunForAnOperator() {
    answerInTurn(
        aResponse()
            .withStatus(401)
            .withBody("Not Authenticated - could not find Workspace details"));
    WorkflowClient.start(rig.stubFor("user-2")::offboard, OffboardingRequest.of("user-2"));

    OffboardingStatus status = rig.awaitState("user-2", OffboardingState.NEEDS_ATTENTION);
    assertThat(status.lastError())
        .contains("SuprSendAuthenticationFailed", "401", "SUPRSEND_API_KEY");
    assertThat(status.attempts()).isEqualTo(1);
    assertThat(status.allowedActions()).containsExactly("retry", "skip", "abort");
    assertThat(OperatorCommands.forActions("user-2", status.allowedActions()))
        .anyMatch(c -> c.startsWith("./offboard retry user-2 --note"));
    assertThat(deleteCalls()).isEqualTo(1);
  }

  @Test
  void aNotFoundPageThatIsNotSuprSendsParksInsteadOfCountingAsAbsent() {
    answerInTurn(
        aResponse()
            .withStatus(404)
            .withHeader("Content-Type", "text/html")
            .withBody("<h1>nope</h1>"));
    WorkflowClient.start(rig.stubFor("user-3")::offboard, OffboardingRequest.of("user-3"));
    OffboardingStatus status = rig.awaitState("user-3", OffboardingState.NEEDS_ATTENTION);
    assertThat(status.lastError()).contains("SuprSendWrongEndpoint", "SUPRSEND_BASE_URL");
    assertThat(deleteCalls()).isEqualTo(1);
  }

  @Test
  void aParkedRunDeletesOnRetryOnceFixed() {
    answerInTurn(aResponse().withStatus(401), aResponse().withStatus(204));
    WorkflowClient.start(rig.stubFor("again")::offboard, OffboardingRequest.of("again"));
    rig.awaitState("again", OffboardingState.NEEDS_ATTENTION);
    rig.running("again").retry(new OperatorRequest("alice", "key rotated"));
    OffboardingReceipt receipt =
        rig.untyped(OffboardingIds.workflowIdFor("again")).getResult(OffboardingReceipt.class);
    assertThat(receipt.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(receipt.attempts()).isEqualTo(2);
  }

  @Test
  void invalidIdFailsBeforeAnyHttpCall() {
    String id = "line\nbreak";
    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> rig.offboard(id));
    ApplicationFailure cause = (ApplicationFailure) failed.getCause();
    assertThat(cause.getType()).isEqualTo(OffboardingFailures.INVALID_REQUEST);
    assertThat(cause.getOriginalMessage()).contains("control character");
    assertThat(deleteCalls()).isZero();
  }

  @Test
  void aSecondStartNeverDeletesTwice() {
    answerInTurn(aResponse().withStatus(204).withFixedDelay(500));
    String id = "once";
    WorkflowExecution first =
        WorkflowClient.start(rig.stubFor(id)::offboard, OffboardingRequest.of(id));
    // While the first run is open: the same run is returned (conflict policy USE_EXISTING).
    WorkflowExecution second =
        WorkflowClient.start(rig.stubFor(id)::offboard, OffboardingRequest.of(id));
    assertThat(second.getRunId()).isEqualTo(first.getRunId());

    OffboardingReceipt receipt =
        rig.untyped(OffboardingIds.workflowIdFor(id)).getResult(OffboardingReceipt.class);
    assertThat(receipt.outcome()).isEqualTo(Outcome.DELETED);

    // After it completed: a new start is refused (reuse policy ALLOW_DUPLICATE_FAILED_ONLY).
    assertThat(
            catchThrowableOfType(
                WorkflowExecutionAlreadyStarted.class,
                () -> WorkflowClient.start(rig.stubFor(id)::offboard, OffboardingRequest.of(id))))
        .isNotNull();
    assertThat(deleteCalls()).isEqualTo(1);
  }

  @Test
  void nullInputFailsClearly() {
    WorkflowStub stub =
        rig.client.newUntypedWorkflowStub(
            OffboardingIds.WORKFLOW_TYPE,
            OffboardingWorkflowOptions.forUser("x", OffboardingTestRig.TASK_QUEUE));
    stub.start((Object) null);
    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> stub.getResult(OffboardingReceipt.class));
    assertThat(((ApplicationFailure) failed.getCause()).getOriginalMessage())
        .contains("input is missing");
  }
}
