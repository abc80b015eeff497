package dev.offboarding.suprsend.worker.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.offboarding.suprsend.client.PathSegment;
import dev.offboarding.suprsend.contract.IdScheme;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OperatorRequest;
import dev.offboarding.suprsend.contract.Outcome;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.ScriptedResponse;
import dev.offboarding.suprsend.sandbox.ScriptedResponse.BodyKind;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.worker.OffboardingWorker;
import dev.offboarding.suprsend.worker.WorkerConfig;
import dev.offboarding.suprsend.workflow.OffboardingWorkflowOptions;
import dev.offboarding.suprsend.workflow.UserOffboarding;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code OFFBOARDING_ENCRYPTION_KEY} and {@code OFFBOARDING_ID_SCHEME=sha256}, the exported
 * history of a run (successes and failures) holds the distinct id nowhere: not in the workflow id,
 * not in inputs, results or failure messages, in no encoding. Without them, the same search finds
 * it, which shows that the search can.
 */
class EncryptedHistoryTest {

  static final String KEY = "ss-encrypted-history-key-3f2e";
  static final String DELETED = "alice.personal@example.com";
  static final String FAILED = "bob.personal@example.com";

  @Test
  void noPlainDistinctIdInAnExportedHistoryWhenOn() {
    Map<String, String> env = new HashMap<>();
    env.put(EncryptionKeys.VARIABLE, TestKeys.entry("k1"));
    List<String> histories = offboardAndExport(env, IdScheme.SHA256);
    for (String history : histories) {
      assertThat(history)
          .as("the export is not empty")
          .contains("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED");
      for (String id : List.of(DELETED, FAILED)) {
        assertThat(history).doesNotContain(forms(id));
      }
    }
  }

  @Test
  void theSameSearchFindsTheIdWhenOff() {
    List<String> histories = offboardAndExport(new HashMap<>(), IdScheme.PLAIN);
    assertThat(histories.get(0)).contains(DELETED);
    assertThat(histories.get(1)).contains(FAILED);
  }

  @Test
  void aWorkerWithoutTheKeyLeavesTheRunWaitingAndNamesTheKey() throws Exception {
    Map<String, String> workerEnv =
        new HashMap<>(Map.of(EncryptionKeys.VARIABLE, TestKeys.entry("k1")));
    TestWorkflowEnvironment temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(OffboardingDataConverter.fromEnvironment(workerEnv))
                        .build())
                .build());
    try (SuprSendSandbox sandbox =
        SuprSendSandbox.start(SandboxOptions.defaults().withApiKey(KEY))) {
      workerEnv.put("TEMPORAL_CONFIG_FILE", "/nonexistent/temporal.toml");
      workerEnv.put("SUPRSEND_API_KEY", KEY);
      workerEnv.put("SUPRSEND_BASE_URL", sandbox.baseUrl().toString());
      workerEnv.put("OFFBOARDING_TASK_QUEUE", "encrypted-history");
      OffboardingWorker worker =
          OffboardingWorker.start(
              temporal.getWorkflowClient(), WorkerConfig.fromEnvironment(workerEnv));
      try {
        WorkflowClient otherKey =
            WorkflowClient.newInstance(
                temporal.getWorkflowServiceStubs(),
                WorkflowClientOptions.newBuilder()
                    .setNamespace(temporal.getNamespace())
                    .setDataConverter(
                        OffboardingDataConverter.fromEnvironment(
                            Map.of(EncryptionKeys.VARIABLE, TestKeys.entry("k2"))))
                    .build());
        WorkflowClient.start(
            stub(otherKey, "carol", IdScheme.SHA256)::offboard, OffboardingRequest.of("carol"));
        String workflowId = IdScheme.SHA256.workflowIdFor("carol");

        String failure = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (failure == null && System.nanoTime() < deadline) {
          failure =
              temporal.getWorkflowClient().fetchHistory(workflowId).getEvents().stream()
                  .filter(e -> e.hasWorkflowTaskFailedEventAttributes())
                  .map(
                      e -> decoded(temporal, e.getWorkflowTaskFailedEventAttributes().getFailure()))
                  .findFirst()
                  .orElse(null);
          Thread.sleep(100);
        }
        assertThat(failure)
            .as("a workflow task failure says why")
            .contains("'k2'", "OFFBOARDING_ENCRYPTION_KEY");
        assertThat(
                temporal
                    .getWorkflowClient()
                    .newUntypedWorkflowStub(workflowId)
                    .describe()
                    .getStatus())
            .as("the run is not failed: it waits for a worker with the key")
            .isEqualTo(
                io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        assertThat(sandbox.requestsReceived()).isZero();
      } finally {
        worker.shutdown(Duration.ofSeconds(5));
      }
    } finally {
      temporal.close();
    }
  }

  /** The failure's messages, decrypted with the worker's converter (failures are encrypted). */
  private static String decoded(
      TestWorkflowEnvironment temporal, io.temporal.api.failure.v1.Failure failure) {
    StringBuilder messages = new StringBuilder();
    Throwable t =
        temporal.getWorkflowClient().getOptions().getDataConverter().failureToException(failure);
    for (; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }

  /** The id as text, percent-encoded, and in base64 at each of the three alignments. */
  private static String[] forms(String id) {
    List<String> forms = new ArrayList<>(List.of(id, PathSegment.encode(id)));
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    for (int shift = 0; shift < 3; shift++) {
      byte[] padded = new byte[bytes.length + shift];
      System.arraycopy(bytes, 0, padded, shift, bytes.length);
      String b64 = Base64.getEncoder().encodeToString(padded);
      // Skip the characters that depend on the bytes around the id.
      forms.add(b64.substring(shift == 0 ? 0 : 4, b64.length() - 4));
    }
    return forms.toArray(String[]::new);
  }

  /** Offboards one user that is deleted and one whose delete fails; exports both histories. */
  private static List<String> offboardAndExport(Map<String, String> extraEnv, IdScheme scheme) {
    Map<String, String> env = new HashMap<>(extraEnv);
    TestWorkflowEnvironment temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(OffboardingDataConverter.fromEnvironment(env))
                        .build())
                .build());
    try (SuprSendSandbox sandbox =
        SuprSendSandbox.start(SandboxOptions.defaults().withApiKey(KEY))) {
      env.put("TEMPORAL_CONFIG_FILE", "/nonexistent/temporal.toml");
      env.put("SUPRSEND_API_KEY", KEY);
      env.put("SUPRSEND_BASE_URL", sandbox.baseUrl().toString());
      env.put("OFFBOARDING_TASK_QUEUE", "encrypted-history");
      WorkerConfig config = WorkerConfig.fromEnvironment(env);
      OffboardingWorker worker = OffboardingWorker.start(temporal.getWorkflowClient(), config);
      try {
        sandbox.addUsers(List.of(DELETED, FAILED));
        // A 404 that is not SuprSend's: its message quotes the path, which carries the id.
        sandbox.script(FAILED, ScriptedResponse.status(404, BodyKind.OTHER_JSON));
        WorkflowClient client = temporal.getWorkflowClient();

        OffboardingReceipt receipt =
            stub(client, DELETED, scheme).offboard(OffboardingRequest.of(DELETED));
        assertThat(receipt.distinctId())
            .as("the worker and client read it back")
            .isEqualTo(DELETED);
        // The failed delete parks the run for an operator; aborting it ends the run.
        UserOffboarding failing = stub(client, FAILED, scheme);
        WorkflowClient.start(failing::offboard, OffboardingRequest.of(FAILED));
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> failing.status().state() == OffboardingState.NEEDS_ATTENTION);
        failing.abort(new OperatorRequest("test", "exporting the history"));
        assertThat(WorkflowStub.fromTyped(failing).getResult(OffboardingReceipt.class).outcome())
            .isEqualTo(Outcome.ABORTED);

        List<String> exports = new ArrayList<>();
        for (String id : List.of(DELETED, FAILED)) {
          WorkflowExecutionHistory history = client.fetchHistory(scheme.workflowIdFor(id));
          exports.add(
              history.toJson(true)
                  + "\n"
                  + new String(history.getHistory().toByteArray(), StandardCharsets.UTF_8));
        }
        return exports;
      } finally {
        worker.shutdown(Duration.ofSeconds(5));
      }
    } finally {
      temporal.close();
    }
  }

  private static UserOffboarding stub(WorkflowClient client, String id, IdScheme scheme) {
    return client.newWorkflowStub(
        UserOffboarding.class, OffboardingWorkflowOptions.forUser(id, "encrypted-history", scheme));
  }
}
