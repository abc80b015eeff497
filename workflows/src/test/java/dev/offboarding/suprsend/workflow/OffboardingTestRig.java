package dev.offboarding.suprsend.workflow;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.offboarding.suprsend.client.SuprSendClients;
import dev.offboarding.suprsend.client.SuprSendSettings;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingSearchAttributes;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import dev.offboarding.suprsend.deletion.DeleteSuprSendUser;
import dev.offboarding.suprsend.deletion.DeleteSuprSendUserImpl;
import dev.offboarding.suprsend.deletion.DeletionResult;
import dev.offboarding.suprsend.notification.NotificationsImpl;
import dev.offboarding.suprsend.notification.NotifySettings;
import dev.offboarding.suprsend.notification.SuprSendNotificationImpl;
import dev.offboarding.suprsend.notification.WebhookNotificationImpl;
import dev.offboarding.suprsend.suspension.SuspensionImpl;
import io.temporal.api.enums.v1.IndexedValueType;
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
 * activities, which talk HTTP to a server standing in for SuprSend (WireMock or the sandbox).
 */
final class OffboardingTestRig implements AutoCloseable {

  static final String TASK_QUEUE = "test-offboarding";
  static final String API_KEY = "sk-live-test-5c0ffee5c0ffee";

  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final RecordingDelete delete;

  /** SuprSend served by WireMock, notifications not configured. */
  OffboardingTestRig(WireMockExtension suprSend, RetrySettings retry) {
    this(
        URI.create(suprSend.baseUrl()),
        API_KEY,
        retry,
        NotifySettings.none(),
        RetrySettings.notification());
  }

  OffboardingTestRig(
      URI baseUrl,
      String apiKey,
      RetrySettings retry,
      NotifySettings notify,
      RetrySettings notifyRetry) {
    env = TestWorkflowEnvironment.newInstance();
    env.registerSearchAttribute(
        OffboardingSearchAttributes.STATE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    client = env.getWorkflowClient();
    SuprSendSettings settings =
        new SuprSendSettings(
            baseUrl, apiKey, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(10));
    var users = SuprSendClients.userApi(settings);
    delete = new RecordingDelete(new DeleteSuprSendUserImpl(users), env::currentTimeMillis);
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationFactory(
        UserOffboarding.class,
        () -> new UserOffboardingImpl(retry, notifyRetry, notify.configuredChannels()));
    worker.registerActivitiesImplementations(
        delete,
        new SuspensionImpl(SuprSendClients.listApi(settings), users),
        new NotificationsImpl(
            new WebhookNotificationImpl(notify),
            new SuprSendNotificationImpl(SuprSendClients.triggerApi(settings), notify),
            notify));
    env.start();
  }

  UserOffboarding stubFor(String distinctId) {
    return client.newWorkflowStub(
        UserOffboarding.class, OffboardingWorkflowOptions.forUser(distinctId, TASK_QUEUE));
  }

  /** A stub for the open run of {@code distinctId}, for queries and updates. */
  UserOffboarding running(String distinctId) {
    return client.newWorkflowStub(UserOffboarding.class, OffboardingIds.workflowIdFor(distinctId));
  }

  /** A stub started the documented way for {@code request}: summary and details included. */
  UserOffboarding stubFor(OffboardingRequest request) {
    return client.newWorkflowStub(
        UserOffboarding.class, OffboardingWorkflowOptions.forUser(request, TASK_QUEUE));
  }

  OffboardingReceipt offboard(String distinctId) {
    return stubFor(distinctId).offboard(OffboardingRequest.of(distinctId));
  }

  WorkflowStub untyped(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId);
  }

  /**
   * Waits (in real time; the test server's clock stands still) until the run is in {@code state}.
   */
  OffboardingStatus awaitState(String distinctId, OffboardingState state) {
    UserOffboarding stub = running(distinctId);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    OffboardingStatus status = stub.status();
    while (status.state() != state) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the run never reached " + state + "; it is " + status);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      status = stub.status();
    }
    return status;
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
