package dev.offboarding.suprsend.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.Outcome;
import dev.offboarding.suprsend.sandbox.ScriptedResponse;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SIGTERM's shutdown path: polling stops, and a delete in flight finishes instead of being cut. */
class GracefulShutdownTest {

  @Test
  void aRunningDeleteFinishesBeforeTheWorkerStops() {
    try (WorkerRig rig = new WorkerRig(Map.of("OFFBOARDING_SHUTDOWN_TIMEOUT", "20s"))) {
      rig.sandbox.addUser("slow-user");
      rig.sandbox.script("slow-user", ScriptedResponse.ok().withDelay(Duration.ofSeconds(2)));
      WorkflowClient.start(rig.stubFor("slow-user")::offboard, OffboardingRequest.of("slow-user"));
      await().atMost(Duration.ofSeconds(10)).until(() -> rig.sandbox.stats().requests() >= 1);

      boolean finished = rig.worker.shutdown(rig.config.shutdownTimeout());

      assertThat(finished).isTrue();
      assertThat(rig.worker.isRunning()).isFalse();
      assertThat(rig.sandbox.hasUser("slow-user")).isFalse();
      // The completed attempt reached Temporal: no second delete will ever be needed.
      var history = rig.client().fetchHistory(OffboardingIds.workflowIdFor("slow-user"));
      assertThat(history.getEvents())
          .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);

      // A new worker picks the run up and completes it from history.
      OffboardingWorker next = OffboardingWorker.start(rig.client(), rig.config);
      try {
        OffboardingReceipt receipt =
            rig.client()
                .newUntypedWorkflowStub(OffboardingIds.workflowIdFor("slow-user"))
                .getResult(OffboardingReceipt.class);
        assertThat(receipt.outcome()).isEqualTo(Outcome.DELETED);
        assertThat(receipt.attempts()).isEqualTo(1);
      } finally {
        next.shutdown(Duration.ofSeconds(5));
      }
    }
  }
}
