package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import dev.offboarding.suprsend.contract.OperatorAction;
import dev.offboarding.suprsend.contract.OperatorRequest;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Offboards one user from SuprSend. Start it with the workflow id {@link
 * OffboardingIds#workflowIdFor(String)} ({@link OffboardingWorkflowOptions} does), so that a second
 * start for the same user finds the first run instead of deleting twice.
 *
 * <p>Operators steer a run with updates. Each has a validator: an action that does not fit the
 * run's state is refused before it reaches the history, with a message that says why and what is
 * possible instead. Every accepted action is recorded (who, what, when, note) in the receipt. An
 * accepted update returns at once with the recorded action; the run then acts on it.
 */
@WorkflowInterface
public interface UserOffboarding {

  /** Update names, for callers in other languages and the CLI. */
  final class Updates {
    public static final String APPROVE = "approve";
    public static final String REJECT = "reject";
    public static final String CANCEL = "cancel";
    public static final String RETRY = "retry";
    public static final String SKIP = "skip";
    public static final String ABORT = "abort";

    private Updates() {}
  }

  /** Query names, for callers in other languages and the CLI. */
  final class Queries {
    public static final String STATUS = "status";

    private Queries() {}
  }

  /** Validates the request, runs the offboarding, and returns the receipt. */
  @WorkflowMethod(name = OffboardingIds.WORKFLOW_TYPE)
  OffboardingReceipt offboard(OffboardingRequest request);

  /** Where the run stands: state, attempts, last error, outcome, what it waits for. */
  @QueryMethod(
      name = Queries.STATUS,
      description =
          "Where the run stands: state, attempts so far, last error, outcome, what it waits for"
              + " and the operator actions that move it on, operator actions so far, timeline,"
              + " notifications")
  OffboardingStatus status();

  @UpdateMethod(
      name = Updates.APPROVE,
      description =
          "Approve the deletion (runs started with requireApproval). The delete follows once any"
              + " grace period has ended. {\"operator\": \"...\", \"note\": \"...\"}")
  OperatorAction approve(OperatorRequest request);

  @UpdateValidatorMethod(updateName = Updates.APPROVE)
  void validateApprove(OperatorRequest request);

  @UpdateMethod(
      name = Updates.REJECT,
      description =
          "Reject the deletion: the user is put back into their subscriber lists and the run ends"
              + " REJECTED. {\"operator\": \"...\", \"note\": \"...\"}")
  OperatorAction reject(OperatorRequest request);

  @UpdateValidatorMethod(updateName = Updates.REJECT)
  void validateReject(OperatorRequest request);

  @UpdateMethod(
      name = Updates.CANCEL,
      description =
          "Call the offboarding off during its grace period or approval: the user is put back into"
              + " their subscriber lists and the run ends CANCELLED."
              + " {\"operator\": \"...\", \"note\": \"...\"}")
  OperatorAction cancel(OperatorRequest request);

  @UpdateValidatorMethod(updateName = Updates.CANCEL)
  void validateCancel(OperatorRequest request);

  @UpdateMethod(
      name = Updates.RETRY,
      description =
          "NEEDS_ATTENTION only: try the failed step again with a fresh retry window (after fixing"
              + " the cause, e.g. rotating SUPRSEND_API_KEY). {\"operator\": \"...\", \"note\": \"...\"}")
  OperatorAction retry(OperatorRequest request);

  @UpdateValidatorMethod(updateName = Updates.RETRY)
  void validateRetry(OperatorRequest request);

  @UpdateMethod(
      name = Updates.SKIP,
      description =
          "NEEDS_ATTENTION after a failed delete only: the operator confirms the user is gone from"
              + " SuprSend; the run ends SKIPPED_BY_OPERATOR. A note saying how you know is"
              + " required. {\"operator\": \"...\", \"note\": \"...\"}")
  OperatorAction skip(OperatorRequest request);

  @UpdateValidatorMethod(updateName = Updates.SKIP)
  void validateSkip(OperatorRequest request);

  @UpdateMethod(
      name = Updates.ABORT,
      description =
          "NEEDS_ATTENTION only: give up; the user is put back into their subscriber lists and the"
              + " run ends ABORTED. {\"operator\": \"...\", \"note\": \"...\"}")
  OperatorAction abort(OperatorRequest request);

  @UpdateValidatorMethod(updateName = Updates.ABORT)
  void validateAbort(OperatorRequest request);
}
