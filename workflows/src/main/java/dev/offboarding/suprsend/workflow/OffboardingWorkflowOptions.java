package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.IdScheme;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;

/**
 * How every offboarding is started, by the CLI, tests and (documented in docs/contract.md) callers
 * in other languages.
 *
 * <ul>
 *   <li>Workflow id {@code suprsend-offboarding:<distinctId>}: one per user.
 *   <li>Conflict policy {@code USE_EXISTING}: a start while a run is open returns that run.
 *   <li>Reuse policy {@code ALLOW_DUPLICATE_FAILED_ONLY}: after a completed run a new start is
 *       refused (the user is gone); after a failed, cancelled or terminated one it may run again.
 *       After a run an operator called off (outcome {@code CANCELLED}, {@code REJECTED}, {@code
 *       ABORTED}: completed, but the user is still there) start again with {@link #again}.
 *   <li>Static summary {@code Offboard <id> from SuprSend: <reason>} and details for the Temporal
 *       UI (without the id under the {@code sha256} id scheme, which keeps it out of Temporal's
 *       visibility data).
 * </ul>
 */
public final class OffboardingWorkflowOptions {

  /** The longest static summary shown; longer reasons are cut with an ellipsis. */
  static final int MAX_SUMMARY_CHARS = 200;

  private OffboardingWorkflowOptions() {}

  /** Options for offboarding {@code distinctId} on {@code taskQueue}, with the plain id scheme. */
  public static WorkflowOptions forUser(String distinctId, String taskQueue) {
    return forUser(distinctId, taskQueue, IdScheme.PLAIN);
  }

  /**
   * Options for offboarding {@code distinctId} on {@code taskQueue}; the workflow id follows {@code
   * scheme} ({@code OFFBOARDING_ID_SCHEME}).
   */
  public static WorkflowOptions forUser(String distinctId, String taskQueue, IdScheme scheme) {
    return forUser(OffboardingRequest.of(distinctId), taskQueue, scheme);
  }

  /** Options for {@code request} on {@code taskQueue}, with the plain id scheme. */
  public static WorkflowOptions forUser(OffboardingRequest request, String taskQueue) {
    return forUser(request, taskQueue, IdScheme.PLAIN);
  }

  /**
   * Options for {@code request} on {@code taskQueue} under {@code scheme}, with the Temporal UI's
   * static summary ("Offboard user-42 from SuprSend: account closed") and details (who asked,
   * waiting phases, due date).
   */
  public static WorkflowOptions forUser(
      OffboardingRequest request, String taskQueue, IdScheme scheme) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(scheme.workflowIdFor(request.distinctId()))
        .setTaskQueue(taskQueue)
        .setStaticSummary(summary(request, scheme))
        .setStaticDetails(details(request, scheme))
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(
            WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
        .build();
  }

  /**
   * {@code options} for a new run after one an operator called off (its receipt's outcome is {@code
   * CANCELLED}, {@code REJECTED} or {@code ABORTED}): that run completed, so the usual reuse policy
   * would refuse the start although the user was never deleted. Check the previous receipt first:
   * after a run that removed the user, a second run is pointless. A person called that run off: use
   * this only when someone asks for a new run explicitly ({@code --again}), and after {@code
   * REJECTED} keep {@code requireApproval} (docs/contract.md, "Starting again").
   */
  public static WorkflowOptions again(WorkflowOptions options) {
    return WorkflowOptions.newBuilder(options)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .build();
  }

  /** {@code Offboard <id> from SuprSend: <reason>}. */
  static String summary(OffboardingRequest request, IdScheme scheme) {
    String reason =
        request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
    String who = scheme == IdScheme.PLAIN ? request.distinctId() : "a user";
    String text = "Offboard " + who + " from SuprSend" + (reason == null ? "" : ": " + reason);
    return text.length() > MAX_SUMMARY_CHARS
        ? text.substring(0, MAX_SUMMARY_CHARS - 1) + "…"
        : text;
  }

  private static String details(OffboardingRequest request, IdScheme scheme) {
    StringBuilder text = new StringBuilder();
    if (scheme == IdScheme.PLAIN) {
      text.append("**Distinct id:** `").append(request.distinctId()).append("`\n\n");
    }
    text.append("**Requested by:** ")
        .append(request.requestedBy() == null ? "-" : request.requestedBy())
        .append("\n\n");
    text.append("**Grace period:** ")
        .append(request.gracePeriod() == null ? "none" : request.gracePeriod())
        .append("\n\n");
    text.append("**Approval required:** ")
        .append(request.requireApproval() ? "yes" : "no")
        .append("\n\n");
    text.append("**Due by:** ")
        .append(request.dueBy() == null ? "one month after the start" : request.dueBy())
        .append("\n\n");
    text.append(
        "The current details say what the run waits for and the `./offboard` command that moves it"
            + " on; the `status` query has the whole picture.");
    return text.toString();
  }
}
