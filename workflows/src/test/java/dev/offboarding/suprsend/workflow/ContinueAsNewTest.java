package dev.offboarding.suprsend.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OperatorAction;
import dev.offboarding.suprsend.contract.OperatorRequest;
import dev.offboarding.suprsend.contract.Outcome;
import dev.offboarding.suprsend.contract.StateChange;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run that lives long keeps a bounded history: it continues as new after a number of operator
 * retries, carrying its record, and still ends with one complete receipt.
 */
class ContinueAsNewTest {

  static final int CYCLES = 300;

  @RegisterExtension
  static WireMockExtension suprSend =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** 401 for the first {@code failures} deletes, then 204. */
  private static void refuseThenDelete(int failures) {
    for (int i = 0; i <= failures; i++) {
      String state = i == 0 ? Scenario.STARTED : "call-" + i;
      suprSend.stubFor(
          delete(urlPathMatching("/v1/user/.*"))
              .inScenario("revoked")
              .whenScenarioStateIs(state)
              .willReturn(aResponse().withStatus(i < failures ? 401 : 204))
              .willSetStateTo(i < failures ? "call-" + (i + 1) : state));
    }
  }

  @Test
  void aRunParkedAndRetriedThreeHundredTimesEndsWithACompleteReceipt() throws Exception {
    refuseThenDelete(CYCLES);
    try (OffboardingTestRig rig = new OffboardingTestRig(suprSend, RetrySettings.delete())) {
      String id = "long-1";
      String workflowId = OffboardingIds.workflowIdFor(id);
      var firstRun =
          WorkflowClient.start(
              rig.stubFor(id)::offboard, new OffboardingRequest(id, "account closed", "gdpr"));
      int mostEventsInOneRun = 0;
      for (int i = 1; i <= CYCLES; i++) {
        rig.awaitState(id, OffboardingState.NEEDS_ATTENTION);
        OperatorAction answered =
            rig.running(id).retry(new OperatorRequest("alice", "key rotated, try " + i));
        assertThat(answered.note()).as("the note is stored once: not in the answer").isNull();
        if (i % 50 == 0) {
          mostEventsInOneRun =
              Math.max(mostEventsInOneRun, rig.client.fetchHistory(workflowId).getEvents().size());
        }
      }
      OffboardingReceipt receipt = rig.untyped(workflowId).getResult(OffboardingReceipt.class);

      assertThat(receipt.outcome()).isEqualTo(Outcome.DELETED);
      assertThat(receipt.attempts()).as("attempts across every run").isEqualTo(CYCLES + 1);
      assertThat(receipt.runId()).isNotEqualTo(firstRun.getRunId());
      assertThat(receipt.reason()).isEqualTo("account closed");
      assertThat(receipt.startedAt()).isBefore(receipt.completedAt());

      assertThat(receipt.operatorActions().size() + receipt.omitted().operatorActions())
          .isEqualTo(CYCLES);
      assertThat(receipt.operatorActions().get(0).note()).isEqualTo("key rotated, try 1");
      assertThat(receipt.operatorActions().get(receipt.operatorActions().size() - 1).note())
          .isEqualTo("key rotated, try " + CYCLES);
      assertThat(receipt.operatorActions())
          .hasSize(RunRecord.KEEP_FIRST + RunRecord.KEEP_LAST_ACTIONS);

      // VALIDATING, then DELETING + NEEDS_ATTENTION per failure, DELETING, NOTIFYING, COMPLETED.
      assertThat(receipt.timeline().size() + receipt.omitted().timeline())
          .isEqualTo(1 + 2 * CYCLES + 3);
      assertThat(receipt.timeline().get(0).state()).isEqualTo(OffboardingState.VALIDATING);
      assertThat(receipt.timeline().stream().map(StateChange::state))
          .endsWith(
              OffboardingState.DELETING, OffboardingState.NOTIFYING, OffboardingState.COMPLETED);
      assertThat(receipt.timeline()).hasSize(RunRecord.KEEP_FIRST + RunRecord.KEEP_LAST_STATES);

      assertThat(mostEventsInOneRun)
          .as("each run's history stays bounded")
          .isLessThan(20 * Continuation.MAX_RETRIES_PER_RUN);
      WorkflowExecutionHistory last = rig.client.fetchHistory(workflowId);
      WorkflowReplayer.replayWorkflowExecution(last, UserOffboardingImpl.class);
    }
  }
}
