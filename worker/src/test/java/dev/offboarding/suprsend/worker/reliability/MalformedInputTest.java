package dev.offboarding.suprsend.worker.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.worker.OffboardingWorker;
import dev.offboarding.suprsend.worker.WorkerConfig;
import dev.offboarding.suprsend.workflow.OffboardingWorkflowOptions;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A caller in another language starts {@code UserOffboarding} by type name with whatever JSON it
 * has. Input that cannot be an offboarding request must end the run at once with a failure that
 * says why, never leave it stuck retrying its first workflow task.
 */
class MalformedInputTest {

  static final String KEY = "ss-malformed-input-key-77aa";
  static TestWorkflowEnvironment temporal;
  static SuprSendSandbox sandbox;
  static OffboardingWorker worker;
  static WorkerConfig config;

  @BeforeAll
  static void start() {
    temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    sandbox = SuprSendSandbox.start(SandboxOptions.defaults().withApiKey(KEY));
    config =
        WorkerConfig.fromEnvironment(
            Map.of(
                "TEMPORAL_CONFIG_FILE",
                "/nonexistent/temporal.toml",
                "SUPRSEND_API_KEY",
                KEY,
                "SUPRSEND_BASE_URL",
                sandbox.baseUrl().toString(),
                "OFFBOARDING_TASK_QUEUE",
                "malformed-input"));
    worker = OffboardingWorker.start(temporal.getWorkflowClient(), config);
  }

  @AfterAll
  static void stop() {
    worker.shutdown(Duration.ofSeconds(5));
    temporal.close();
    sandbox.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a number instead of an object       | 42                                 | OffboardingRequest
          a bare string                       | "user-1"                           | OffboardingRequest
          an array                            | ["user-1"]                         | OffboardingRequest
          an object where the id belongs      | {"distinctId": {"id": "user-1"}}   | distinctId
          an array where the id belongs       | {"distinctId": ["user-1"]}         | distinctId
          text that is not JSON               | {distinctId: user-1                | Unexpected character
          """)
  void inputOfTheWrongShapeFailsTheRunAtOnce(String what, String json, String named) {
    long before = sandbox.requestsReceived();
    WorkflowStub run = startRaw("malformed-" + Integer.toHexString(json.hashCode()), json);

    WorkflowFailedException failed = awaitFailure(run);

    ApplicationFailure cause = applicationFailure(failed);
    assertThat(cause.getType()).endsWith("DataConverterException");
    assertThat(cause.getOriginalMessage()).contains(named);
    assertThat(sandbox.requestsReceived()).as("nothing reached SuprSend").isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          JSON null                  | null                                   | workflow input is missing
          an empty object            | {}                                     | distinctId is missing
          a null id                  | {"distinctId": null}                   | distinctId is missing
          a blank id                 | {"distinctId": "   "}                  | distinctId is blank
          a control character        | {"distinctId": "a\\u0000b"}            | control character U+0000
          """)
  void inputWithoutAUsableIdFailsAsAnInvalidRequest(String what, String json, String message) {
    WorkflowStub run = startRaw("invalid-" + Integer.toHexString(json.hashCode()), json);

    WorkflowFailedException failed = awaitFailure(run);

    ApplicationFailure cause = applicationFailure(failed);
    assertThat(cause.getType()).isEqualTo("InvalidOffboardingRequest");
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getOriginalMessage()).contains(message);
  }

  @Test
  void noArgumentAtAllIsAMissingInput() {
    WorkflowStub run =
        temporal
            .getWorkflowClient()
            .newUntypedWorkflowStub(
                OffboardingIds.WORKFLOW_TYPE,
                OffboardingWorkflowOptions.forUser("no-argument", config.taskQueue()));
    run.start();

    ApplicationFailure cause = applicationFailure(awaitFailure(run));
    assertThat(cause.getType()).isEqualTo("InvalidOffboardingRequest");
  }

  @Test
  void unknownFieldsAreIgnored() throws Exception {
    sandbox.addUser("extra-fields");
    WorkflowStub run =
        startRaw(
            "extra-fields",
            "{\"distinctId\": \"extra-fields\", \"colour\": \"red\", \"priority\": 3}");
    OffboardingReceipt receipt = run.getResult(10, TimeUnit.SECONDS, OffboardingReceipt.class);
    assertThat(receipt.distinctId()).isEqualTo("extra-fields");
    assertThat(sandbox.hasUser("extra-fields")).isFalse();
  }

  private static WorkflowStub startRaw(String workflowUser, String json) {
    WorkflowClient client = temporal.getWorkflowClient();
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            OffboardingIds.WORKFLOW_TYPE,
            OffboardingWorkflowOptions.forUser(workflowUser, config.taskQueue()));
    Payload payload =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8))
            .build();
    stub.start(new RawValue(payload));
    return stub;
  }

  /** The run must close within seconds: a stuck run would retry its workflow task forever. */
  private static WorkflowFailedException awaitFailure(WorkflowStub run) {
    CompletableFuture<Object> result = run.getResultAsync(Object.class);
    try {
      Object value = result.get(15, TimeUnit.SECONDS);
      throw new AssertionError("the run completed with " + value);
    } catch (TimeoutException e) {
      throw new AssertionError("the run is stuck: still open after 15 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (java.util.concurrent.ExecutionException e) {
      return catchThrowableOfType(
          WorkflowFailedException.class,
          () -> {
            throw e.getCause();
          });
    }
  }

  private static ApplicationFailure applicationFailure(WorkflowFailedException failed) {
    assertThat(failed).as("the run failed").isNotNull();
    for (Throwable t = failed; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app;
      }
    }
    throw new AssertionError("no ApplicationFailure in " + failed);
  }
}
