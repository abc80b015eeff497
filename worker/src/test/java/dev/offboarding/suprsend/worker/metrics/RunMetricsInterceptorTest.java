package dev.offboarding.suprsend.worker.metrics;

import static dev.offboarding.suprsend.worker.metrics.PrometheusText.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.offboarding.suprsend.contract.OffboardingSearchAttributes;
import dev.offboarding.suprsend.metrics.OffboardingMetrics;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run metrics the saga's states and notifications rely on: states entered are derived from
 * {@code OffboardingState} upserts, failures are counted by type, and the notification hook counts
 * by channel and result.
 */
class RunMetricsInterceptorTest {

  @WorkflowInterface
  public interface ParkingWorkflow {
    @WorkflowMethod
    String run(boolean fail);
  }

  /** Walks through states as the saga does, and notifies. */
  public static class ParkingWorkflowImpl implements ParkingWorkflow {
    @Override
    public String run(boolean fail) {
      for (String state : new String[] {"SUSPENDED", "NEEDS_ATTENTION", "NEEDS_ATTENTION"}) {
        Workflow.upsertTypedSearchAttributes(OffboardingSearchAttributes.STATE.valueSet(state));
      }
      OffboardingMetrics.notification(Workflow.getMetricsScope(), "webhook", "sent");
      if (fail) {
        throw ApplicationFailure.newNonRetryableFailure("operator aborted", "OffboardingAborted");
      }
      return "done";
    }
  }

  private static final String STATE_ENTERED = "offboarding_state_entered_total";
  private static final String RUNS_FINISHED = "offboarding_runs_finished_total";

  private WorkerMetrics metrics;
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    metrics = WorkerMetrics.create();
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setMetricsScope(metrics.temporalScope())
                .registerSearchAttribute(
                    OffboardingSearchAttributes.STATE_NAME,
                    IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new RunMetricsInterceptor())
                        .build())
                .build());
    Worker worker = env.newWorker("metrics-interceptor");
    worker.registerWorkflowImplementationTypes(ParkingWorkflowImpl.class);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
    metrics.close();
  }

  private ParkingWorkflow stub(String id) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            ParkingWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue("metrics-interceptor")
                .build());
  }

  @Test
  void countsStatesEnteredFailuresByTypeAndNotifications() {
    assertThat(stub("parked-then-done").run(false)).isEqualTo("done");
    Throwable failed = catchThrowable(() -> stub("parked-then-aborted").run(true));
    assertThat(failed).isInstanceOf(WorkflowFailedException.class);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              String scrape = metrics.scrape();
              // Two runs, each entering NEEDS_ATTENTION once (the repeated upsert is no new state).
              assertThat(sum(scrape, STATE_ENTERED, Map.of("state", "NEEDS_ATTENTION")))
                  .isEqualTo(2.0);
              assertThat(sum(scrape, STATE_ENTERED, Map.of("state", "SUSPENDED"))).isEqualTo(2.0);
              assertThat(
                      sum(
                          scrape,
                          RUNS_FINISHED,
                          Map.of("outcome", "FAILED", "failure_type", "OffboardingAborted")))
                  .isEqualTo(1.0);
              assertThat(
                      sum(
                          scrape,
                          RUNS_FINISHED,
                          Map.of("outcome", "COMPLETED", "failure_type", "none")))
                  .isEqualTo(1.0);
              assertThat(
                      sum(
                          scrape,
                          "offboarding_notifications_total",
                          Map.of("channel", "webhook", "result", "sent")))
                  .isEqualTo(2.0);
            });
  }
}
