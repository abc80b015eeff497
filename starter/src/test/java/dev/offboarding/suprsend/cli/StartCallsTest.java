package dev.offboarding.suprsend.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What {@link Offboardings} asks Temporal: a user it has never seen is started in one call, with no
 * describe first; only when a run exists is it described, so a run a person cancelled through
 * Temporal still stays called off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartCallsTest {

  private static final String QUEUE = "start-calls";

  private EndToEndRig rig;
  private WorkflowServiceStubs service;
  private WorkflowClient client;
  private final List<String> calls = new CopyOnWriteArrayList<>();

  @BeforeAll
  void startEverything() {
    rig = EndToEndRig.start(QUEUE, SandboxOptions.defaults(), Map.of());
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(rig.env().get("TEMPORAL_ADDRESS"))
                .setGrpcClientInterceptors(List.of(new CallNames()))
                .build());
    client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }

  @AfterAll
  void stopEverything() {
    if (service != null) {
      service.shutdownNow();
    }
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void aUserTemporalHasNeverSeenIsStartedInOneCallWithoutADescribe() {
    rig.sandbox().addUser("calls-new");
    Offboardings offboardings = new Offboardings(client, QUEUE);
    calls.clear();

    Offboardings.StartedRun run = offboardings.start("calls-new", null, "test");

    assertThat(run.kind()).isEqualTo(Offboardings.StartKind.STARTED);
    assertThat(run.previous()).isNull();
    assertThat(calls).containsExactly("StartWorkflowExecution");
    RunResult result = new RunWatch(client).await(run, Duration.ofSeconds(30), line -> {});
    assertThat(result.result()).isEqualTo("DELETED");
  }

  @Test
  void aSecondStartOfAnOpenRunDescribesItAndJoinsIt() {
    rig.sandbox().addUser("calls-open");
    Offboardings offboardings = new Offboardings(client, QUEUE);
    OffboardingRequest waits =
        new OffboardingRequest("calls-open", null, "test").withGracePeriod(Duration.ofHours(1));
    Offboardings.StartedRun first = offboardings.start(waits);
    calls.clear();

    Offboardings.StartedRun second = offboardings.start(waits);

    assertThat(second.kind()).isEqualTo(Offboardings.StartKind.ALREADY_RUNNING);
    assertThat(second.runId()).isEqualTo(first.runId());
    assertThat(calls).contains("DescribeWorkflowExecution");
    Runs.stubFor(client, first.workflowId(), first.runId()).terminate("test over");
  }

  @Test
  void aRunCancelledThroughTemporalStaysCalledOffUntilAgainIsGiven() {
    rig.sandbox().addUser("calls-cancelled");
    Offboardings offboardings = new Offboardings(client, QUEUE);
    OffboardingRequest waits =
        new OffboardingRequest("calls-cancelled", null, "test")
            .withGracePeriod(Duration.ofHours(1));
    Offboardings.StartedRun first = offboardings.start(waits);
    var stub = Runs.stubFor(client, first.workflowId(), first.runId());
    stub.cancel();
    assertThatThrownBy(() -> stub.getResult(OffboardingReceipt.class))
        .isInstanceOf(WorkflowFailedException.class);

    Offboardings.StartedRun again = offboardings.start(waits);

    assertThat(again.kind()).isEqualTo(Offboardings.StartKind.CALLED_OFF);
    assertThat(again.previous())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    assertThat(offboardings.latest("calls-cancelled").orElseThrow().getExecution().getRunId())
        .as("nothing was started over the cancellation")
        .isEqualTo(first.runId());
    assertThat(rig.deletesOf("calls-cancelled")).isEmpty();

    Offboardings.StartedRun overridden =
        offboardings.start(waits, Offboardings.Again.KEEP_APPROVAL);

    assertThat(overridden.kind()).isEqualTo(Offboardings.StartKind.STARTED_AGAIN);
    assertThat(overridden.runId()).isNotEqualTo(first.runId());
    Runs.stubFor(client, overridden.workflowId(), overridden.runId()).terminate("test over");
  }

  /** Records the name of every call to Temporal's workflow service. */
  private final class CallNames implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      String name = method.getBareMethodName();
      if (!"GetSystemInfo".equals(name)) {
        calls.add(name);
      }
      return next.newCall(method, options);
    }
  }
}
