package dev.offboarding.suprsend.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.contract.NotificationResult;
import dev.offboarding.suprsend.contract.NotificationResult.Channel;
import dev.offboarding.suprsend.contract.NotificationResult.Status;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingSearchAttributes;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import dev.offboarding.suprsend.contract.OperatorRequest;
import dev.offboarding.suprsend.contract.Outcome;
import dev.offboarding.suprsend.contract.StateChange;
import dev.offboarding.suprsend.notification.NotifySettings;
import dev.offboarding.suprsend.notification.WebhookNotification;
import dev.offboarding.suprsend.notification.WebhookSignature;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.ScriptedResponse;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.sandbox.TriggerCall;
import dev.offboarding.suprsend.sandbox.WebhookCall;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.WorkflowReplayer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The saga on Temporal's time-skipping test server against the SuprSend sandbox (users, subscriber
 * lists, triggers, and its webhook receiver): every path, and afterwards every run's history is
 * replayed against the code (determinism).
 */
class SagaWorkflowTest {

  static final String SECRET = "whsec-test-3f1a9c";
  static final String NOTIFY_WORKFLOW = "offboarding-alerts";
  static final ObjectMapper JSON = new ObjectMapper();

  static SuprSendSandbox sandbox;
  OffboardingTestRig rig;
  final List<String> started = new ArrayList<>();

  @BeforeAll
  static void startSandbox() {
    sandbox = SuprSendSandbox.start(SandboxOptions.defaults());
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void setUp() {
    sandbox.reset();
    rig = rigWith(sandbox.webhookUrl(), List.of("ops-oncall", "dpo"));
  }

  private OffboardingTestRig rigWith(URI webhookUrl, List<String> recipients) {
    return new OffboardingTestRig(
        sandbox.baseUrl(),
        sandbox.apiKey(),
        RetrySettings.delete(),
        new NotifySettings(webhookUrl, SECRET, Duration.ofSeconds(5), NOTIFY_WORKFLOW, recipients),
        RetrySettings.notification().withRetryWindow(Duration.ofMinutes(10)));
  }

  @AfterEach
  void replayEveryRunAndClose() throws Exception {
    try {
      for (String id : started) {
        WorkflowReplayer.replayWorkflowExecution(
            rig.client.fetchHistory(OffboardingIds.workflowIdFor(id)), UserOffboardingImpl.class);
      }
    } finally {
      rig.close();
    }
  }

  private void start(OffboardingRequest request) {
    started.add(request.distinctId());
    WorkflowClient.start(rig.stubFor(request)::offboard, request);
  }

  private OffboardingReceipt result(String id) {
    return rig.untyped(OffboardingIds.workflowIdFor(id)).getResult(OffboardingReceipt.class);
  }

  private static OperatorRequest by(String operator, String note) {
    return new OperatorRequest(operator, note);
  }

  private void userInLists(String id, String... lists) {
    sandbox.addUser(id);
    for (String list : lists) {
      sandbox.subscribe(id, list);
    }
  }

  private static List<WebhookCall> webhooks(String type) {
    return sandbox.webhooks().stream()
        .filter(w -> type.equals(w.header(WebhookNotification.EVENT_HEADER)))
        .toList();
  }

  private static List<TriggerCall> triggers(String type) {
    return sandbox.triggers().stream()
        .filter(t -> type.equals(t.body().path("data").path("type").asText()))
        .toList();
  }

  // ---- waiting phases and compensation ----

  @Test
  void cancelDuringTheGracePeriodRestoresTheListsAndDeletesNothing() throws Exception {
    userInLists("grace-1", "newsletter", "product-updates");
    start(
        new OffboardingRequest("grace-1", "account closed", "gdpr")
            .withGracePeriod(Duration.ofHours(72)));

    OffboardingStatus waiting = rig.awaitState("grace-1", OffboardingState.GRACE_PERIOD);
    assertThat(sandbox.listsOf("grace-1")).as("suspended while waiting").isEmpty();
    assertThat(waiting.suspendedFromLists())
        .containsExactlyInAnyOrder("newsletter", "product-updates");
    assertThat(waiting.waitUntil()).isNotNull();
    assertThat(OperatorCommands.forActions("grace-1", waiting.allowedActions()))
        .containsExactly("./offboard cancel grace-1 --note \"<why>\"");

    rig.running("grace-1").cancel(by("alice", "customer changed their mind"));
    OffboardingReceipt receipt = result("grace-1");

    assertThat(receipt.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(sandbox.hasUser("grace-1")).isTrue();
    assertThat(sandbox.listsOf("grace-1"))
        .containsExactlyInAnyOrder("newsletter", "product-updates");
    assertThat(sandbox.stats().deletes()).isZero();
    assertThat(receipt.compensation().restoredToLists())
        .containsExactlyInAnyOrder("newsletter", "product-updates");
    assertThat(receipt.operatorActions())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.action()).isEqualTo("cancel");
              assertThat(a.operator()).isEqualTo("alice");
              assertThat(a.note()).isEqualTo("customer changed their mind");
              assertThat(a.at()).isNotNull();
            });
    assertThat(receipt.timeline().stream().map(StateChange::state))
        .containsSubsequence(
            OffboardingState.SUSPENDING,
            OffboardingState.GRACE_PERIOD,
            OffboardingState.COMPENSATING,
            OffboardingState.NOTIFYING,
            OffboardingState.COMPLETED);
    assertThat(webhooks("offboarding.cancelled")).hasSize(1);
    assertThat(triggers("offboarding.cancelled")).hasSize(1);
    assertThat(rig.running("grace-1").status().state()).isEqualTo(OffboardingState.COMPLETED);
  }

  @Test
  void theTemporalUiShowsASummaryAndWhatTheRunWaitsFor() {
    userInLists("ui-1", "newsletter");
    start(
        new OffboardingRequest("ui-1", "account closed", "gdpr-service")
            .withGracePeriod(Duration.ofHours(72)));
    rig.awaitState("ui-1", OffboardingState.GRACE_PERIOD);
    var metadata =
        rig.client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(rig.client.getOptions().getNamespace())
                    .setExecution(
                        io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                            .setWorkflowId(OffboardingIds.workflowIdFor("ui-1")))
                    .build())
            .getExecutionConfig()
            .getUserMetadata();
    var converter = io.temporal.common.converter.DefaultDataConverter.STANDARD_INSTANCE;
    assertThat(converter.fromPayload(metadata.getSummary(), String.class, String.class))
        .isEqualTo("Offboard ui-1 from SuprSend: account closed");
    assertThat(converter.fromPayload(metadata.getDetails(), String.class, String.class))
        .contains("gdpr-service", "PT72H");
    String current =
        rig.untyped(OffboardingIds.workflowIdFor("ui-1"))
            .query("__temporal_workflow_metadata", io.temporal.api.sdk.v1.WorkflowMetadata.class)
            .getCurrentDetails();
    assertThat(current).contains("GRACE_PERIOD", "./offboard cancel ui-1 --note");
    assertThat(current).as("a Markdown list, not one line").contains("To move it on:\n\n- `");
    rig.running("ui-1").cancel(by("alice", null));
    result("ui-1");
  }

  @Test
  void compensationNeverReCreatesAUserDeletedMeanwhile() {
    userInLists("gone-1", "newsletter");
    start(OffboardingRequest.of("gone-1").withGracePeriod(Duration.ofHours(72)));
    rig.awaitState("gone-1", OffboardingState.GRACE_PERIOD);
    // Someone deletes the user in SuprSend directly during the grace period.
    dev.offboarding.suprsend.client.SuprSendClients.userApi(
            dev.offboarding.suprsend.client.SuprSendSettings.of(
                sandbox.baseUrl(), sandbox.apiKey()))
        .deleteUser("gone-1");

    rig.running("gone-1").cancel(by("alice", null));
    OffboardingReceipt receipt = result("gone-1");

    assertThat(receipt.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(sandbox.hasUser("gone-1"))
        .as("adding to a list would have re-created them")
        .isFalse();
    assertThat(receipt.compensation().restoredToLists()).isEmpty();
    assertThat(receipt.compensation().notRestored())
        .singleElement()
        .asString()
        .contains("newsletter", "no longer in SuprSend");
  }

  @Test
  void theGracePeriodEndsAndTheUserIsDeleted() {
    userInLists("grace-2", "newsletter");
    start(OffboardingRequest.of("grace-2").withGracePeriod(Duration.ofHours(72)));
    OffboardingReceipt receipt = result("grace-2");
    assertThat(receipt.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(receipt.gracePeriod()).isEqualTo("PT72H");
    assertThat(receipt.suspendedFromLists()).containsExactly("newsletter");
    assertThat(receipt.compensation()).isNull();
    assertThat(Duration.between(receipt.startedAt(), receipt.completedAt()))
        .isGreaterThanOrEqualTo(Duration.ofHours(72));
    assertThat(sandbox.hasUser("grace-2")).isFalse();
    assertThat(receipt.finishedInTime()).isTrue();
  }

  @Test
  void rejectedApprovalRestoresTheUser() {
    userInLists("approval-1", "newsletter");
    start(OffboardingRequest.of("approval-1").withApproval(true));
    OffboardingStatus waiting = rig.awaitState("approval-1", OffboardingState.AWAITING_APPROVAL);
    assertThat(waiting.allowedActions()).containsExactly("approve", "reject", "cancel");

    rig.running("approval-1").reject(by("legal", "legal hold"));
    OffboardingReceipt receipt = result("approval-1");
    assertThat(receipt.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(sandbox.listsOf("approval-1")).containsExactly("newsletter");
    assertThat(sandbox.stats().deletes()).isZero();
    assertThat(webhooks("offboarding.rejected")).hasSize(1);
  }

  @Test
  void approvalDuringTheGracePeriodDeletesWhenTheGracePeriodEnds() {
    userInLists("approval-2", "newsletter");
    start(
        OffboardingRequest.of("approval-2")
            .withGracePeriod(Duration.ofHours(24))
            .withApproval(true));
    rig.awaitState("approval-2", OffboardingState.GRACE_PERIOD);
    rig.running("approval-2").approve(by("bob", null));
    assertThat(rig.running("approval-2").status().allowedActions()).containsExactly("cancel");
    OffboardingReceipt receipt = result("approval-2");
    assertThat(receipt.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(receipt.approvalRequired()).isTrue();
    assertThat(receipt.timeline().stream().map(StateChange::state))
        .doesNotContain(OffboardingState.AWAITING_APPROVAL);
  }

  @Test
  void workflowCancellationStillCompensates() {
    userInLists("cancel-1", "newsletter", "beta");
    start(OffboardingRequest.of("cancel-1").withGracePeriod(Duration.ofDays(2)));
    rig.awaitState("cancel-1", OffboardingState.GRACE_PERIOD);
    assertThat(sandbox.listsOf("cancel-1")).isEmpty();

    rig.untyped(OffboardingIds.workflowIdFor("cancel-1")).cancel();
    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> result("cancel-1"));
    assertThat(failed.getCause()).isInstanceOf(CanceledFailure.class);

    assertThat(sandbox.listsOf("cancel-1")).containsExactlyInAnyOrder("newsletter", "beta");
    assertThat(sandbox.stats().deletes()).isZero();
    assertThat(webhooks("offboarding.cancelled")).hasSize(1);
    OffboardingStatus status = rig.running("cancel-1").status();
    assertThat(status.state()).isEqualTo(OffboardingState.CANCELLED);
  }

  @Test
  void aCancelArrivingWhileTheDeleteSucceedsIsTooLateToUndoAnything() {
    userInLists("late-cancel", "newsletter");
    sandbox.script("late-cancel", ScriptedResponse.ok().withDelay(Duration.ofSeconds(2)));
    start(OffboardingRequest.of("late-cancel").withGracePeriod(Duration.ofHours(1)));
    rig.awaitState("late-cancel", OffboardingState.GRACE_PERIOD);
    long before = sandbox.stats().requests();
    rig.env.sleep(Duration.ofHours(1).plusSeconds(1));
    rig.awaitState("late-cancel", OffboardingState.DELETING);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sandbox.stats().requests() > before);

    rig.untyped(OffboardingIds.workflowIdFor("late-cancel")).cancel();
    // When the cancel reaches the run before it returns, the Java SDK ends it CANCELED even though
    // it returned a receipt; when the receipt is recorded first, the run is COMPLETED. Either way
    // nothing may be undone (below), and no other failure is acceptable.
    Throwable ended = catchThrowable(() -> result("late-cancel"));
    if (ended != null) {
      assertThat(ended).isInstanceOf(WorkflowFailedException.class);
    }

    assertThat(sandbox.hasUser("late-cancel")).isFalse();
    OffboardingStatus status = rig.running("late-cancel").status();
    assertThat(status.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(status.timeline().stream().map(StateChange::state))
        .doesNotContain(OffboardingState.COMPENSATING);
    assertThat(
            rig
                .client
                .fetchHistory(OffboardingIds.workflowIdFor("late-cancel"))
                .getEvents()
                .stream()
                .filter(e -> e.hasActivityTaskScheduledEventAttributes())
                .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName()))
        .doesNotContain("RestoreToSubscriberLists");
    assertThat(webhooks("offboarding.completed")).hasSize(1);
    assertThat(webhooks("offboarding.cancelled")).isEmpty();
  }

  // ---- operator decisions ----

  @Test
  void revokedKeyParksTheRunAndRetryAfterTheFixDeletes() throws Exception {
    sandbox.addUser("revoked-1");
    String goodKey = sandbox.apiKey();
    sandbox.setApiKey("rotated-" + goodKey);
    start(new OffboardingRequest("revoked-1", "account closed", "gdpr"));

    OffboardingStatus parked = rig.awaitState("revoked-1", OffboardingState.NEEDS_ATTENTION);
    assertThat(parked.lastError()).contains("SuprSendAuthenticationFailed", "401");
    assertThat(parked.waitingFor()).contains("401");
    assertThat(OperatorCommands.forActions("revoked-1", parked.allowedActions()))
        .containsExactly(
            "./offboard retry revoked-1 --note \"<what was fixed>\"",
            "./offboard skip revoked-1 --note \"<how you know the user is gone from SuprSend>\"",
            "./offboard abort revoked-1 --note \"<why>\"");
    assertThat(
            rig.untyped(OffboardingIds.workflowIdFor("revoked-1"))
                .describe()
                .getTypedSearchAttributes()
                .get(OffboardingSearchAttributes.STATE))
        .isEqualTo("NEEDS_ATTENTION");
    // Both channels answer the needs-attention notice before the key is fixed.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rig.running("revoked-1").status().notifications().size() == 2);
    assertThat(webhooks("offboarding.needs_attention")).hasSize(1);

    sandbox.setApiKey(goodKey);
    rig.running("revoked-1").retry(by("alice", "key rotated in the vault"));
    OffboardingReceipt receipt = result("revoked-1");

    assertThat(receipt.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(receipt.httpStatus()).isEqualTo(204);
    assertThat(receipt.attempts()).isEqualTo(2);
    assertThat(sandbox.hasUser("revoked-1")).isFalse();
    assertThat(receipt.operatorActions()).extracting(a -> a.action()).containsExactly("retry");
    assertThat(receipt.timeline().stream().map(StateChange::state))
        .containsSubsequence(
            OffboardingState.DELETING,
            OffboardingState.NEEDS_ATTENTION,
            OffboardingState.DELETING,
            OffboardingState.COMPLETED);
    // The needs-attention trigger went out while the key was revoked: recorded, outcome untouched.
    assertThat(receipt.notifications())
        .anySatisfy(
            n -> {
              assertThat(n.event()).isEqualTo("offboarding.needs_attention");
              assertThat(n.channel()).isEqualTo(Channel.SUPRSEND_TRIGGER);
              assertThat(n.status()).isEqualTo(Status.FAILED);
              assertThat(n.detail()).contains("401");
            });
    assertThat(webhooks("offboarding.completed")).hasSize(1);
  }

  @Test
  void skipEndsTheRunSkippedByOperatorAndNeedsANote() {
    sandbox.addUser("skip-1");
    sandbox.script("skip-1", ScriptedResponse.status(403));
    start(OffboardingRequest.of("skip-1"));
    rig.awaitState("skip-1", OffboardingState.NEEDS_ATTENTION);

    WorkflowUpdateException refused =
        catchThrowableOfType(
            WorkflowUpdateException.class, () -> rig.running("skip-1").skip(by("alice", " ")));
    assertThat(rootMessage(refused)).contains("a note is required");

    rig.running("skip-1").skip(by("alice", "deleted by hand in the SuprSend dashboard, ticket 42"));
    OffboardingReceipt receipt = result("skip-1");
    assertThat(receipt.outcome()).isEqualTo(Outcome.SKIPPED_BY_OPERATOR);
    assertThat(receipt.outcome().userRemoved()).isTrue();
    assertThat(receipt.operatorActions().get(0).note()).contains("ticket 42");
    assertThat(webhooks("offboarding.completed")).hasSize(1);
  }

  @Test
  void abortAfterAFailedDeleteCompensates() {
    userInLists("abort-1", "newsletter");
    sandbox.script("abort-1", ScriptedResponse.status(403));
    start(OffboardingRequest.of("abort-1").withGracePeriod(Duration.ofHours(1)));
    rig.env.sleep(Duration.ofHours(2));
    rig.awaitState("abort-1", OffboardingState.NEEDS_ATTENTION);
    assertThat(sandbox.listsOf("abort-1")).isEmpty();

    rig.running("abort-1").abort(by("alice", "wrong workspace, handing over to the right team"));
    OffboardingReceipt receipt = result("abort-1");
    assertThat(receipt.outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(sandbox.hasUser("abort-1")).isTrue();
    assertThat(sandbox.listsOf("abort-1")).containsExactly("newsletter");
    assertThat(receipt.compensation().restoredToLists()).containsExactly("newsletter");
    assertThat(webhooks("offboarding.aborted")).hasSize(1);
  }

  @Test
  void validatorsRefuseActionsThatDoNotFitTheState() {
    userInLists("valid-1", "newsletter");
    start(OffboardingRequest.of("valid-1").withGracePeriod(Duration.ofDays(1)));
    rig.awaitState("valid-1", OffboardingState.GRACE_PERIOD);
    UserOffboarding run = rig.running("valid-1");

    assertThat(refusal(() -> run.retry(by("alice", null))))
        .contains("retry refused", "GRACE_PERIOD", "nothing has failed", "Possible now: cancel");
    assertThat(refusal(() -> run.skip(by("alice", "gone")))).contains("skip refused");
    assertThat(refusal(() -> run.abort(by("alice", null)))).contains("abort refused");
    assertThat(refusal(() -> run.approve(by("alice", null)))).contains("started without approval");
    assertThat(refusal(() -> run.cancel(by(" ", null)))).contains("say who decides");

    run.cancel(by("alice", null));
    assertThat(result("valid-1").outcome()).isEqualTo(Outcome.CANCELLED);
    // Refused updates never reached the history: only the accepted cancel is recorded.
    assertThat(result("valid-1").operatorActions()).hasSize(1);
  }

  @Test
  void aRunWithoutWaitingPhasesOnlyDeletes() {
    userInLists("plain-1", "newsletter");
    start(OffboardingRequest.of("plain-1"));
    OffboardingReceipt receipt = result("plain-1");
    assertThat(receipt.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(receipt.suspendedFromLists()).isEmpty();
    List<String> userApiCalls =
        sandbox.requests().stream()
            .map(r -> r.method() + " " + r.rawPath())
            .filter(call -> !call.contains("/trigger/"))
            .toList();
    assertThat(userApiCalls).containsExactly("DELETE /v1/user/plain-1/");
    assertThat(
            rig.untyped(OffboardingIds.workflowIdFor("plain-1"))
                .describe()
                .getTypedSearchAttributes()
                .get(OffboardingSearchAttributes.STATE))
        .isEqualTo("COMPLETED");
  }

  // ---- deadline ----

  @Test
  void anOverdueRunEscalatesOnceAndTheReceiptSaysItWasLate() {
    sandbox.addUser("late-1");
    sandbox.script("late-1", ScriptedResponse.status(403));
    Instant now = Instant.ofEpochMilli(rig.env.currentTimeMillis());
    start(OffboardingRequest.of("late-1").withDueBy(now.plus(Duration.ofDays(5))));
    rig.awaitState("late-1", OffboardingState.NEEDS_ATTENTION);

    rig.env.sleep(Duration.ofDays(3));
    assertThat(webhooks("offboarding.due_soon")).hasSize(1);
    assertThat(webhooks("offboarding.overdue")).isEmpty();
    rig.env.sleep(Duration.ofDays(10));
    assertThat(webhooks("offboarding.overdue")).hasSize(1);
    assertThat(triggers("offboarding.overdue")).hasSize(1);
    rig.env.sleep(Duration.ofDays(30));
    assertThat(webhooks("offboarding.overdue")).as("once per threshold").hasSize(1);

    rig.running("late-1").retry(by("alice", "permission granted"));
    OffboardingReceipt receipt = result("late-1");
    assertThat(receipt.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(receipt.finishedInTime()).isFalse();
    assertThat(receipt.dueBy())
        .isEqualTo(now.plus(Duration.ofDays(5)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  @Test
  void theDueDateDefaultsToOneMonthAfterTheRequest() {
    sandbox.addUser("due-1");
    start(OffboardingRequest.of("due-1"));
    OffboardingReceipt receipt = result("due-1");
    assertThat(receipt.dueBy())
        .isEqualTo(receipt.startedAt().atZone(java.time.ZoneOffset.UTC).plusMonths(1).toInstant());
    assertThat(receipt.finishedInTime()).isTrue();
  }

  // ---- notifications ----

  @Test
  void everyOutcomeSendsASignedIdempotentWebhookAndATriggerToInternalRecipientsOnly()
      throws Exception {
    rig.close();
    rig = rigWith(sandbox.webhookUrl(), List.of("ops-oncall", "notify-1", "dpo"));
    sandbox.addUser("notify-1");
    Instant startedAt = Instant.now();
    start(new OffboardingRequest("notify-1", "account closed", "gdpr"));
    OffboardingReceipt receipt = result("notify-1");

    WebhookCall webhook = webhooks("offboarding.completed").get(0);
    String timestamp = webhook.header(WebhookNotification.TIMESTAMP_HEADER);
    assertThat(
            WebhookSignature.verify(
                SECRET,
                timestamp,
                webhook.body(),
                webhook.header(WebhookNotification.SIGNATURE_HEADER)))
        .isTrue();
    assertThat(
            WebhookSignature.verify(
                "wrong-secret",
                timestamp,
                webhook.body(),
                webhook.header(WebhookNotification.SIGNATURE_HEADER)))
        .isFalse();
    JsonNode event = JSON.readTree(webhook.body());
    assertThat(event.path("type").asText()).isEqualTo("offboarding.completed");
    assertThat(event.path("id").asText()).isEqualTo(webhook.header("Idempotency-Key"));
    assertThat(event.path("receipt").path("outcome").asText()).isEqualTo("DELETED");
    assertThat(event.path("receipt").path("distinctId").asText()).isEqualTo("notify-1");
    // Signed with the attempt's send time (the event time is in the body), fresh for receivers.
    assertThat(
            WebhookSignature.verify(
                SECRET,
                timestamp,
                webhook.body(),
                webhook.header(WebhookNotification.SIGNATURE_HEADER),
                Instant.now(),
                WebhookSignature.DEFAULT_TOLERANCE))
        .isTrue();
    assertThat(Long.parseLong(timestamp))
        .isBetween(startedAt.getEpochSecond(), Instant.now().getEpochSecond());

    TriggerCall trigger = triggers("offboarding.completed").get(0);
    assertThat(trigger.workflow()).isEqualTo(NOTIFY_WORKFLOW);
    assertThat(trigger.idempotencyKey()).isEqualTo(webhook.header("Idempotency-Key"));
    List<String> recipients = new ArrayList<>();
    trigger.body().path("recipients").forEach(r -> recipients.add(r.asText()));
    assertThat(recipients).containsExactly("ops-oncall", "dpo");
    assertThat(trigger.body().path("recipients").get(0).isTextual())
        .as("plain ids, never objects that would upsert a profile")
        .isTrue();
    assertThat(sandbox.hasUser("notify-1")).as("the trigger did not re-create the user").isFalse();

    assertThat(receipt.notifications())
        .extracting(NotificationResult::channel, NotificationResult::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Channel.WEBHOOK, Status.SENT),
            org.assertj.core.groups.Tuple.tuple(Channel.SUPRSEND_TRIGGER, Status.SENT));
    assertThat(receipt.notifications())
        .filteredOn(n -> n.channel() == Channel.SUPRSEND_TRIGGER)
        .singleElement()
        .satisfies(n -> assertThat(n.detail()).contains("dropped"));
  }

  @Test
  void aFailedNotificationLeavesTheOutcomeAlone() {
    rig.close();
    rig = rigWith(URI.create(sandbox.baseUrl() + "/no-such-receiver/"), List.of("ops-oncall"));
    userInLists("nf-1", "newsletter");
    start(OffboardingRequest.of("nf-1"));
    OffboardingReceipt receipt = result("nf-1");
    assertThat(receipt.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(receipt.compensation()).isNull();
    assertThat(receipt.notifications())
        .filteredOn(n -> n.channel() == Channel.WEBHOOK)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.status()).isEqualTo(Status.FAILED);
              assertThat(n.detail()).contains("HTTP 404");
            });
    assertThat(receipt.notifications())
        .filteredOn(n -> n.channel() == Channel.SUPRSEND_TRIGGER)
        .singleElement()
        .satisfies(n -> assertThat(n.status()).isEqualTo(Status.SENT));
  }

  @Test
  void unconfiguredChannelsAreRecordedAsSuch() {
    rig.close();
    rig =
        new OffboardingTestRig(
            sandbox.baseUrl(),
            sandbox.apiKey(),
            RetrySettings.delete(),
            NotifySettings.none(),
            RetrySettings.notification());
    sandbox.addUser("quiet-1");
    start(OffboardingRequest.of("quiet-1"));
    OffboardingReceipt receipt = result("quiet-1");
    assertThat(receipt.notifications())
        .extracting(NotificationResult::status)
        .containsOnly(Status.NOT_CONFIGURED);
    assertThat(sandbox.triggers()).isEmpty();
    assertThat(sandbox.webhooks()).isEmpty();
  }

  private static String refusal(Runnable update) {
    WorkflowUpdateException e = catchThrowableOfType(WorkflowUpdateException.class, update::run);
    assertThat(e).as("the update was refused").isNotNull();
    return rootMessage(e);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
