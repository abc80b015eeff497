package dev.offboarding.suprsend.worker;

import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.worker.encryption.OffboardingDataConverter;
import dev.offboarding.suprsend.workflow.OffboardingWorkflowOptions;
import dev.offboarding.suprsend.workflow.UserOffboarding;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.HashMap;
import java.util.Map;

/**
 * Temporal's test server (real time) in process, the project's SuprSend sandbox, and the real
 * {@link OffboardingWorker} built from an environment map exactly as in production.
 */
final class WorkerRig implements AutoCloseable {

  static final String WORKER_KEY = "ss-worker-key-1f2e3d4c5b6a";

  static final String WEBHOOK_SECRET = "whsec-worker-9a8b7c6d5e4f3a2b";

  final TestWorkflowEnvironment temporal;
  final SuprSendSandbox sandbox;
  final WorkerConfig config;
  final OffboardingWorker worker;

  WorkerRig(Map<String, String> extraEnv) {
    temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                // As in production: OFFBOARDING_ENCRYPTION_KEY in extraEnv encrypts payloads.
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(OffboardingDataConverter.fromEnvironment(extraEnv))
                        .build())
                .build());
    sandbox = SuprSendSandbox.start(SandboxOptions.defaults().withApiKey(WORKER_KEY));
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_CONFIG_FILE", "/nonexistent/temporal.toml");
    env.put("SUPRSEND_API_KEY", WORKER_KEY);
    env.put("SUPRSEND_BASE_URL", sandbox.baseUrl().toString());
    env.put("OFFBOARDING_TASK_QUEUE", "worker-test");
    env.put("OFFBOARDING_RETRY_INITIAL_INTERVAL", "100ms");
    env.put("OFFBOARDING_WEBHOOK_URL", sandbox.webhookUrl().toString());
    env.put("OFFBOARDING_WEBHOOK_SECRET", WEBHOOK_SECRET);
    env.put("SUPRSEND_NOTIFY_WORKFLOW", "offboarding-alerts");
    env.put("SUPRSEND_NOTIFY_RECIPIENTS", "ops-oncall");
    env.putAll(extraEnv);
    config = WorkerConfig.fromEnvironment(env);
    worker = OffboardingWorker.start(temporal.getWorkflowClient(), config);
  }

  WorkflowClient client() {
    return temporal.getWorkflowClient();
  }

  UserOffboarding stubFor(String distinctId) {
    return client()
        .newWorkflowStub(
            UserOffboarding.class,
            OffboardingWorkflowOptions.forUser(distinctId, config.taskQueue()));
  }

  /** Waits in real time until the run of {@code distinctId} is in {@code state}. */
  OffboardingStatus awaitState(String distinctId, OffboardingState state) {
    UserOffboarding run =
        client().newWorkflowStub(UserOffboarding.class, OffboardingIds.workflowIdFor(distinctId));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(() -> run.status().state() == state);
    return run.status();
  }

  UserOffboarding running(String distinctId) {
    return client()
        .newWorkflowStub(UserOffboarding.class, OffboardingIds.workflowIdFor(distinctId));
  }

  OffboardingReceipt result(String distinctId) {
    return client()
        .newUntypedWorkflowStub(OffboardingIds.workflowIdFor(distinctId))
        .getResult(OffboardingReceipt.class);
  }

  OffboardingReceipt offboard(String distinctId) {
    return stubFor(distinctId).offboard(OffboardingRequest.of(distinctId));
  }

  @Override
  public void close() {
    if (worker.isRunning()) {
      worker.shutdown(java.time.Duration.ofSeconds(5));
    }
    temporal.close();
    sandbox.close();
  }
}
