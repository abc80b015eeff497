package dev.offboarding.suprsend.workflow;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.offboarding.suprsend.client.SuprSendClients;
import dev.offboarding.suprsend.client.SuprSendSettings;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.deletion.DeleteSuprSendUser;
import dev.offboarding.suprsend.deletion.DeleteSuprSendUserImpl;
import dev.offboarding.suprsend.deletion.DeletionResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * A time-skipping Temporal test environment with a worker running the real workflow and the real
 * activity, which talks HTTP to a WireMock server standing in for SuprSend.
 */
final class OffboardingTestRig implements AutoCloseable {

  static final String TASK_QUEUE = "test-offboarding";
  static final String API_KEY = "sk-live-test-5c0ffee5c0ffee";

  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final RecordingDelete delete;

  OffboardingTestRig(WireMockExtension suprSend, DeleteRetrySettings retry) {
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
    SuprSendSettings settings =
        new SuprSendSettings(
            URI.create(suprSend.baseUrl()),
            API_KEY,
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofMinutes(10));
    delete =
        new RecordingDelete(
            new DeleteSuprSendUserImpl(SuprSendClients.userApi(settings)), env::currentTimeMillis);
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationFactory(
        UserOffboarding.class, () -> new UserOffboardingImpl(retry));
    worker.registerActivitiesImplementations(delete);
    env.start();
  }

  UserOffboarding stubFor(String distinctId) {
    return client.newWorkflowStub(
        UserOffboarding.class, OffboardingWorkflowOptions.forUser(distinctId, TASK_QUEUE));
  }

  OffboardingReceipt offboard(String distinctId) {
    return stubFor(distinctId).offboard(OffboardingRequest.of(distinctId));
  }

  WorkflowStub untyped(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId);
  }

  @Override
  public void close() {
    env.close();
  }

  /** Wraps the real activity and records when Temporal scheduled each attempt. */
  static final class RecordingDelete implements DeleteSuprSendUser {
    final List<Instant> attemptStartedAt = new CopyOnWriteArrayList<>();
    private final DeleteSuprSendUser real;
    private final LongSupplier serverClock;

    RecordingDelete(DeleteSuprSendUser real, LongSupplier serverClock) {
      this.real = real;
      this.serverClock = serverClock;
    }

    @Override
    public DeletionResult delete(String distinctId) {
      attemptStartedAt.add(Instant.ofEpochMilli(serverClock.getAsLong()));
      return real.delete(distinctId);
    }
  }
}
