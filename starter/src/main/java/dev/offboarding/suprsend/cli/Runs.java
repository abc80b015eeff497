package dev.offboarding.suprsend.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowTargetOptions;
import java.util.Optional;

/** Finding one user's runs in Temporal: the latest run's description, a stub for a run. */
public final class Runs {

  private Runs() {}

  /** An untyped stub for one run, or for the latest run when {@code runId} is null or empty. */
  public static WorkflowStub stubFor(WorkflowClient client, String workflowId, String runId) {
    WorkflowTargetOptions.Builder target =
        WorkflowTargetOptions.newBuilder().setWorkflowId(workflowId);
    if (runId != null && !runId.isEmpty()) {
      target.setRunId(runId);
    }
    return client.newUntypedWorkflowStub(target.build());
  }

  /** The latest run's description, or empty when there is no run with this id. */
  public static Optional<WorkflowExecutionDescription> describe(
      WorkflowClient client, String workflowId) {
    try {
      return Optional.of(client.newUntypedWorkflowStub(workflowId).describe());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (WorkflowServiceException e) {
      if (e.getCause() instanceof StatusRuntimeException status
          && status.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** {@code WORKFLOW_EXECUTION_STATUS_FAILED} → {@code FAILED}. */
  public static String statusName(WorkflowExecutionStatus status) {
    if (status == null) {
      return "-";
    }
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
  }
}
