package dev.offboarding.suprsend.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.Outcome;
import dev.offboarding.suprsend.nexus.SuprSendOffboarding;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.NexusOperationOptions;
import io.temporal.workflow.NexusServiceOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker serves {@link SuprSendOffboarding} over Nexus: a caller workflow elsewhere offboards
 * through the endpoint and gets the receipt; a second call never deletes twice. (The same against
 * the real dev server, with the caller in another namespace: clients/go/nexuscaller.)
 */
class NexusOperationTest {

  /** Another team's workflow that offboards a user through the endpoint. */
  @WorkflowInterface
  public interface Caller {
    @WorkflowMethod
    OffboardingReceipt close(OffboardingRequest request);
  }

  public static class CallerImpl implements Caller {
    @Override
    public OffboardingReceipt close(OffboardingRequest request) {
      SuprSendOffboarding offboarding =
          Workflow.newNexusServiceStub(
              SuprSendOffboarding.class,
              NexusServiceOptions.newBuilder()
                  .setEndpoint(SuprSendOffboarding.DEFAULT_ENDPOINT)
                  .setOperationOptions(
                      NexusOperationOptions.newBuilder()
                          .setScheduleToCloseTimeout(Duration.ofMinutes(1))
                          .build())
                  .build());
      return offboarding.offboard(request);
    }
  }

  private WorkerRig rig;

  @BeforeEach
  void start() {
    rig = new WorkerRig(Map.of());
    rig.temporal.createNexusEndpoint(SuprSendOffboarding.DEFAULT_ENDPOINT, rig.config.taskQueue());
    rig.temporal.newWorker("callers").registerWorkflowImplementationTypes(CallerImpl.class);
    rig.temporal.start();
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  private OffboardingReceipt call(String callId, OffboardingRequest request) {
    return rig.client()
        .newWorkflowStub(
            Caller.class,
            WorkflowOptions.newBuilder().setWorkflowId(callId).setTaskQueue("callers").build())
        .close(request);
  }

  @Test
  void aCallerOffboardsThroughTheOperationAndASecondCallAnswersTheSameReceipt() {
    rig.sandbox.addUsers(List.of("nexus-1"));

    OffboardingReceipt first = call("call-1", new OffboardingRequest("nexus-1", "closed", "crm"));
    OffboardingReceipt second = call("call-2", OffboardingRequest.of("nexus-1"));

    assertThat(first.outcome()).isEqualTo(Outcome.DELETED);
    assertThat(first.workflowId()).isEqualTo("suprsend-offboarding:nexus-1");
    assertThat(first.requestedBy()).isEqualTo("crm");
    assertThat(second.runId()).isEqualTo(first.runId());
    assertThat(second.completedAt()).isEqualTo(first.completedAt());
    assertThat(rig.sandbox.hasUser("nexus-1")).isFalse();
    assertThat(rig.sandbox.stats().deletes()).isEqualTo(1);
  }

  @Test
  void aCallWithoutADistinctIdIsRefusedAsABadRequest() {
    assertThatThrownBy(() -> call("call-blank", OffboardingRequest.of(" ")))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("distinctId is missing or blank");
    assertThat(rig.sandbox.stats().deletes()).isZero();
  }
}
