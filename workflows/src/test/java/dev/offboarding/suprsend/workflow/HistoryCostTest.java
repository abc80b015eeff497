package dev.offboarding.suprsend.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.offboarding.suprsend.contract.NotificationResult;
import dev.offboarding.suprsend.contract.NotificationResult.Status;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.Outcome;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What one plain offboarding costs in Temporal history: a run that goes straight from start to
 * {@code DELETED}, with no notification channel configured, stays close to a bare workflow with one
 * activity (11 events).
 */
class HistoryCostTest {

  static final int MAX_EVENTS = 15;

  /** Serialized history (protobuf, what Temporal stores and limits). */
  static final int MAX_BYTES = 4096;

  @RegisterExtension
  static WireMockExtension suprSend =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void aPlainDeletedRunWritesAtMostFifteenEventsAndFourKilobytes() {
    suprSend.stubFor(
        delete(urlPathMatching("/v1/user/.*")).willReturn(aResponse().withStatus(204)));
    try (OffboardingTestRig rig = new OffboardingTestRig(suprSend, RetrySettings.delete())) {
      OffboardingReceipt receipt = rig.offboard("cost-1");
      assertThat(receipt.outcome()).isEqualTo(Outcome.DELETED);
      assertThat(receipt.notifications())
          .extracting(NotificationResult::status)
          .containsOnly(Status.NOT_CONFIGURED);

      WorkflowExecutionHistory history =
          rig.client.fetchHistory(OffboardingIds.workflowIdFor("cost-1"));
      List<HistoryEvent> events = history.getEvents();
      int bytes = history.getHistory().getSerializedSize();
      System.out.printf(
          "A plain DELETED run: %d events, %d bytes of history (%d as exported JSON)%n",
          events.size(), bytes, history.toJson(false).length());
      assertThat(events).hasSizeLessThanOrEqualTo(MAX_EVENTS);
      assertThat(bytes).isLessThanOrEqualTo(MAX_BYTES);
      assertThat(count(events, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
          .as("only the delete: no notification activity without a channel")
          .isEqualTo(1);
      assertThat(count(events, EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES))
          .as("only the visible end state")
          .isEqualTo(1);
      assertThat(count(events, EventType.EVENT_TYPE_TIMER_STARTED))
          .as("the deadline cannot pass before the delete's retry window ends")
          .isZero();
    }
  }

  @Test
  void aFailedAttemptIsRecordedWithItsMessageButWithoutAJavaStackTrace() {
    suprSend.stubFor(
        delete(urlPathMatching("/v1/user/.*"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("Not Authenticated - could not find Workspace details")));
    try (OffboardingTestRig rig = new OffboardingTestRig(suprSend, RetrySettings.delete())) {
      WorkflowClient.start(rig.stubFor("cost-401")::offboard, OffboardingRequest.of("cost-401"));
      rig.awaitState("cost-401", OffboardingState.NEEDS_ATTENTION);

      List<HistoryEvent> events =
          rig.client.fetchHistory(OffboardingIds.workflowIdFor("cost-401")).getEvents();
      List<Failure> failures =
          events.stream()
              .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)
              .map(e -> e.getActivityTaskFailedEventAttributes().getFailure())
              .toList();
      assertThat(failures).isNotEmpty();
      for (Failure failure = failures.get(0); failure != null; ) {
        assertThat(failure.getStackTrace()).as("stack trace of %s", failure.getMessage()).isEmpty();
        failure = failure.hasCause() ? failure.getCause() : null;
      }
      assertThat(failures.get(0).getMessage()).contains("401");
    }
  }

  private static long count(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.getEventType() == type).count();
  }
}
