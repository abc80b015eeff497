package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.IdScheme;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;

/**
 * How every offboarding is started, by the CLI, tests and (documented in the README) callers in
 * other languages.
 *
 * <ul>
 *   <li>Workflow id {@code suprsend-offboarding:<distinctId>}: one per user.
 *   <li>Conflict policy {@code USE_EXISTING}: a start while a run is open returns that run.
 *   <li>Reuse policy {@code ALLOW_DUPLICATE_FAILED_ONLY}: after a completed run a new start is
 *       refused (the user is gone); after a failed, cancelled or terminated one it may run again.
 * </ul>
 */
public final class OffboardingWorkflowOptions {

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
    return WorkflowOptions.newBuilder()
        .setWorkflowId(scheme.workflowIdFor(distinctId))
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(
            WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
        .build();
  }
}
