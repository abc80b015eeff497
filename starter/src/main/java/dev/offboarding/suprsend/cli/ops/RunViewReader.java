package dev.offboarding.suprsend.cli.ops;

import dev.offboarding.suprsend.cli.PendingDelete;
import dev.offboarding.suprsend.cli.RunResult;
import dev.offboarding.suprsend.cli.RunWatch;
import dev.offboarding.suprsend.cli.Runs;
import dev.offboarding.suprsend.cli.Text;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import dev.offboarding.suprsend.worker.TemporalConnection;
import dev.offboarding.suprsend.workflow.OperatorCommands;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a {@link RunView} of one run: the workflow's own {@code status} query merged with
 * Temporal's description of the run (its status, and for a delete being retried the live attempt
 * number, last failure and next attempt time). Uses no list or count queries, so it works on the
 * test server.
 */
final class RunViewReader {

  /** How long the status query may take before the view is shown without it. */
  static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

  private RunViewReader() {}

  /** The view of run {@code d} of the offboarding of {@code id}. */
  static RunView read(TemporalConnection temporal, String id, WorkflowExecutionDescription d) {
    WorkflowClient client = temporal.client();
    String workflowId = d.getExecution().getWorkflowId();
    String runId = d.getExecution().getRunId();
    WorkflowExecutionStatus status = d.getStatus();
    String temporalStatus = Runs.statusName(status);
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return running(temporal, id, d, workflowId, runId, temporalStatus);
    }
    WorkflowStub stub = Runs.stubFor(client, workflowId, runId);
    try {
      OffboardingReceipt receipt = stub.getResult(10, TimeUnit.SECONDS, OffboardingReceipt.class);
      return new RunView(
          id,
          workflowId,
          runId,
          d.getTaskQueue(),
          temporalStatus,
          OffboardingState.COMPLETED,
          receipt.attempts(),
          null,
          null,
          receipt.outcome().name(),
          receipt.httpStatus(),
          null,
          d.getStartTime(),
          d.getCloseTime(),
          null,
          null,
          List.of(),
          receipt.dueBy(),
          receipt.finishedInTime(),
          receipt.suspendedFromLists(),
          receipt.operatorActions(),
          receipt.notifications());
    } catch (WorkflowFailedException e) {
      RunResult failed = RunResult.failed(id, workflowId, runId, e);
      return new RunView(
          id,
          workflowId,
          runId,
          d.getTaskQueue(),
          temporalStatus,
          OffboardingState.FAILED,
          failed.attempts(),
          failed.error(),
          null,
          null,
          failed.httpStatus() == 0 ? null : failed.httpStatus(),
          failed.failureType(),
          d.getStartTime(),
          d.getCloseTime(),
          "a failed run may be started again: ./offboard start " + Text.shellWord(id),
          null,
          List.of(),
          null,
          null,
          List.of(),
          List.of(),
          List.of());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the closed run's result could not be read in 10s", e);
    }
  }

  /**
   * The workflow's {@code status} query with a short deadline of its own: without a worker the
   * SDK's stub would wait a minute for an answer that cannot come.
   */
  private static OffboardingStatus queryStatus(
      TemporalConnection temporal, String workflowId, String runId) {
    QueryWorkflowResponse response =
        temporal
            .service()
            .blockingStub()
            .withDeadlineAfter(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .queryWorkflow(
                QueryWorkflowRequest.newBuilder()
                    .setNamespace(temporal.namespace())
                    .setExecution(
                        WorkflowExecution.newBuilder()
                            .setWorkflowId(workflowId)
                            .setRunId(runId)
                            .build())
                    .setQuery(
                        WorkflowQuery.newBuilder().setQueryType(RunWatch.STATUS_QUERY).build())
                    .build());
    if (response.hasQueryRejected()) {
      throw new IllegalStateException("query rejected: " + response.getQueryRejected());
    }
    return temporal
        .client()
        .getOptions()
        .getDataConverter()
        .fromPayloads(
            0,
            Optional.of(response.getQueryResult()),
            OffboardingStatus.class,
            OffboardingStatus.class);
  }

  private static RunView running(
      TemporalConnection temporal,
      String id,
      WorkflowExecutionDescription d,
      String workflowId,
      String runId,
      String temporalStatus) {
    OffboardingStatus query = null;
    String note = null;
    try {
      query = queryStatus(temporal, workflowId, runId);
    } catch (StatusRuntimeException e) {
      note =
          e.getStatus().getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED
              ? "the status query was not answered within "
                  + QUERY_TIMEOUT.toSeconds()
                  + "s: is a worker polling task queue "
                  + d.getTaskQueue()
                  + "? (./offboard worker, or ./offboard dev)"
              : "the status query failed ("
                  + e.getStatus().getCode()
                  + "): "
                  + e.getStatus().getDescription();
    } catch (IllegalStateException e) {
      note = "the status query failed: " + e.getMessage();
    }
    Optional<PendingDelete> pending = PendingDelete.in(d.getRawDescription());
    int attempts = query == null ? 0 : query.attempts();
    String lastError = query == null ? null : query.lastError();
    Instant next = null;
    if (pending.isPresent()) {
      PendingDelete p = pending.get();
      attempts = Math.max(attempts, p.attempt());
      if (p.lastFailure() != null) {
        lastError = p.lastFailure();
      }
      next = p.running() ? null : p.nextAttemptAt();
    }
    OffboardingState state =
        query != null ? query.state() : pending.isPresent() ? OffboardingState.DELETING : null;
    return new RunView(
        id,
        workflowId,
        runId,
        d.getTaskQueue(),
        temporalStatus,
        state,
        attempts,
        lastError,
        next,
        query == null || query.outcome() == null ? null : query.outcome().name(),
        query == null || query.httpStatus() == 0 ? null : query.httpStatus(),
        query == null ? null : query.failureType(),
        d.getStartTime(),
        null,
        note,
        query == null ? null : query.waitingFor(),
        query == null ? List.of() : OperatorCommands.forActions(id, query.allowedActions()),
        query == null ? null : query.dueBy(),
        null,
        query == null ? List.of() : query.suspendedFromLists(),
        query == null ? List.of() : query.operatorActions(),
        query == null ? List.of() : query.notifications());
  }
}
