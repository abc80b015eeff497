package dev.offboarding.suprsend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.ScriptedResponse;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How {@link RunWatch} learns that an open run waits for a person. */
class RunWatchTest {

  @Test
  void aWaitingCheckThatFailsUnexpectedlyIsTriedAgainInsteadOfEndingSilently() throws Exception {
    try (EndToEndRig rig =
        EndToEndRig.start("waiting-check", SandboxOptions.defaults(), Map.of())) {
      rig.sandbox().addUser("refused-user");
      rig.sandbox().script("refused-user", ScriptedResponse.status(403));
      FailingStubs failing = new FailingStubs();
      WorkflowClient client =
          WorkflowClient.newInstance(
              rig.workerConnection().client().getWorkflowServiceStubs(),
              WorkflowClientOptions.newBuilder()
                  .setNamespace("default")
                  .setInterceptors(failing)
                  .build());
      Offboardings.StartedRun run =
          new Offboardings(client, "waiting-check").start("refused-user", "test", "test");

      failing.failNext(1);
      // The run's end never comes through `ended`: only the waiting checks can answer.
      CompletableFuture<RunResult> result =
          new RunWatch(client).resultAsync(run, new CompletableFuture<>());

      RunResult waits = result.get(30, TimeUnit.SECONDS);
      assertThat(failing.failed.get()).as("waiting checks that failed unexpectedly").isEqualTo(1);
      assertThat(waits.waitingIn()).isEqualTo(OffboardingState.NEEDS_ATTENTION);
      assertThat(waits.httpStatus()).isEqualTo(403);
    }
  }

  /**
   * Fails the next few stubs the client makes for a run with an exception nobody expects (no {@code
   * WorkflowException}), as a caller's own client interceptor or a bug would.
   */
  private static final class FailingStubs extends WorkflowClientInterceptorBase {
    private final AtomicInteger toFail = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    void failNext(int stubs) {
      toFail.set(stubs);
    }

    // Deprecated for new interceptors, but still called for every stub: the one client hook that
    // can throw something other than a WorkflowException (the calls interceptor's are wrapped).
    @Override
    @SuppressWarnings("deprecation")
    public WorkflowStub newUntypedWorkflowStub(
        WorkflowExecution execution, Optional<String> workflowType, WorkflowStub next) {
      if (toFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        failed.incrementAndGet();
        throw new IllegalStateException("injected: not a WorkflowException");
      }
      return next;
    }
  }
}
