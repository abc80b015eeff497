package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.deletion.DeleteSuprSendUser;
import dev.offboarding.suprsend.deletion.DeletionResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The first version's shape, validate → delete → receipt, kept unchanged for runs started before
 * the saga ({@code Workflow.getVersion} sends them here): a permanent failure fails the run. Its
 * commands must stay exactly as they were, or those runs could not replay.
 */
final class DeleteOnlyOffboarding {

  private static final Logger log = Workflow.getLogger(DeleteOnlyOffboarding.class);

  private final DeleteRetrySettings retry;
  private final RunRecord run;

  DeleteOnlyOffboarding(DeleteRetrySettings retry, RunRecord run) {
    this.retry = retry;
    this.run = run;
  }

  OffboardingReceipt offboard(OffboardingRequest request) {
    Instant startedAt = RunRecord.now();
    run.startedAt(startedAt);
    WorkflowInfo info = Workflow.getInfo();
    RequestChecks.validate(request, info, run);

    String distinctId = request.distinctId();
    run.moveTo(OffboardingState.DELETING, null);
    DeleteSuprSendUser suprSend =
        Workflow.newActivityStub(DeleteSuprSendUser.class, retry.toActivityOptions());
    DeletionResult result;
    try {
      result = suprSend.delete(distinctId);
    } catch (ActivityFailure failure) {
      DeleteFailure failed = DeleteFailure.of(failure, retry);
      run.attempts(failed.attempts());
      run.lastError(failed.message());
      run.moveTo(OffboardingState.FAILED, failed.message());
      log.warn("Offboarding failed ({}): {}", failed.type(), failed.message());
      throw failed.toWorkflowFailure(failure);
    }

    run.attempts(result.attempt());
    run.decided(result.outcome(), result.httpStatus());
    run.moveTo(OffboardingState.COMPLETED, null);
    log.info("Offboarding completed: {} after {} attempt(s)", result.outcome(), result.attempt());
    return new OffboardingReceipt(
        distinctId,
        result.outcome(),
        result.httpStatus(),
        result.attempt(),
        startedAt,
        RunRecord.now(),
        info.getWorkflowId(),
        info.getRunId(),
        request.reason(),
        request.requestedBy());
  }
}
