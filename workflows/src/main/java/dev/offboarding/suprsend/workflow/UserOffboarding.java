package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Offboards one user from SuprSend. Start it with the workflow id {@link
 * OffboardingIds#workflowIdFor(String)} ({@link OffboardingWorkflowOptions} does), so that a second
 * start for the same user finds the first run instead of deleting twice.
 */
@WorkflowInterface
public interface UserOffboarding {

  /** Validates the request, deletes the user, and returns the receipt. */
  @WorkflowMethod(name = OffboardingIds.WORKFLOW_TYPE)
  OffboardingReceipt offboard(OffboardingRequest request);

  /** Where the run stands: state, delete attempts known so far, last error, outcome. */
  @QueryMethod(
      name = "status",
      description = "Where the run stands: state, attempts so far, last error, outcome")
  OffboardingStatus status();
}
