package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.DistinctIds;
import dev.offboarding.suprsend.contract.IdScheme;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingState;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import org.slf4j.Logger;

/** Checks the workflow input before anything touches SuprSend. */
final class RequestChecks {

  private static final Logger log = Workflow.getLogger(RequestChecks.class);

  private RequestChecks() {}

  /**
   * Fails the run ({@code InvalidOffboardingRequest}) when the distinct id cannot be offboarded.
   */
  static void validate(OffboardingRequest request, WorkflowInfo info, RunRecord run) {
    if (request == null) {
      throw invalid(
          "The workflow input is missing: start UserOffboarding with {\"distinctId\": \"...\"}",
          run);
    }
    String problem = DistinctIds.problemWith(request.distinctId());
    if (problem != null) {
      throw invalid(problem, run);
    }
    if (!IdScheme.matches(info.getWorkflowId(), request.distinctId())) {
      // Not refused: replays and tools run under other ids. But say it, because only the
      // documented id keeps a second start for the same user from deleting twice.
      log.warn(
          "Workflow id does not follow the scheme {}<distinctId>: a second start for this user"
              + " would not be recognised as a duplicate",
          OffboardingIds.WORKFLOW_ID_PREFIX);
    }
  }

  static ApplicationFailure invalid(String message, RunRecord run) {
    run.lastError(message);
    run.moveTo(OffboardingState.FAILED, message);
    return ApplicationFailure.newNonRetryableFailure(message, OffboardingFailures.INVALID_REQUEST);
  }
}
