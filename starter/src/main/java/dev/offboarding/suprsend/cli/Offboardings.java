package dev.offboarding.suprsend.cli;

import dev.offboarding.suprsend.contract.IdScheme;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.Outcome;
import dev.offboarding.suprsend.workflow.OffboardingWorkflowOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts offboardings the one documented way ({@link OffboardingWorkflowOptions#forUser}): one run
 * per user, never a second delete, and never over a person's decision. Shared by {@code start},
 * {@code bulk} and {@code demo}; {@link RunWatch} waits for the runs.
 */
public final class Offboardings {

  /** How a start went. */
  public enum StartKind {
    /** A new run was started. */
    STARTED,
    /**
     * A new run was started after an earlier one failed (or was terminated), or, with {@link
     * Again}, after one a person called off.
     */
    STARTED_AGAIN,
    /** A run was already open: Temporal returned it instead of starting a second one. */
    ALREADY_RUNNING,
    /** A completed run exists: the user was already offboarded; nothing was started. */
    ALREADY_COMPLETED,
    /**
     * The last run was called off by a person (outcome {@code REJECTED}, {@code CANCELLED}, {@code
     * ABORTED}, or cancelled through Temporal): the decision stands, nothing was started.
     */
    CALLED_OFF
  }

  /** Whether a start may override a person who called the last run off. */
  public enum Again {
    /** No: a called-off run stays called off ({@link StartKind#CALLED_OFF}). */
    NEVER,
    /** Yes; after a rejection the new run waits for approval again, whatever the request says. */
    KEEP_APPROVAL,
    /** Yes, with the request's approval setting as given (it was said explicitly). */
    AS_REQUESTED
  }

  /**
   * One start's result.
   *
   * @param previous the status of the run found before the start, or null when there was none
   * @param previousOutcome that run's outcome when it completed and a person called it off, else
   *     null
   */
  public record StartedRun(
      String distinctId,
      String workflowId,
      String runId,
      StartKind kind,
      WorkflowExecutionStatus previous,
      Outcome previousOutcome) {

    /** One line for people. */
    public String note() {
      return switch (kind) {
        case STARTED -> "started";
        case STARTED_AGAIN -> "started again: the previous run ended " + previousEnd();
        case ALREADY_RUNNING -> "already running: the open run was returned, nothing new started";
        case ALREADY_COMPLETED -> "already offboarded: a completed run exists, nothing new started";
        case CALLED_OFF ->
            "called off earlier: not started (the last run ended "
                + previousEnd()
                + "; --again starts a new one)";
      };
    }

    private String previousEnd() {
      return previousOutcome != null ? previousOutcome.name() : Runs.statusName(previous);
    }
  }

  private final WorkflowClient client;
  private final String taskQueue;
  private final IdScheme idScheme;

  public Offboardings(WorkflowClient client, String taskQueue) {
    this(client, taskQueue, IdScheme.PLAIN);
  }

  /** Workflow ids follow {@code idScheme}: the plain id is hashed first under {@code sha256}. */
  public Offboardings(WorkflowClient client, String taskQueue, IdScheme idScheme) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.idScheme = idScheme;
  }

  /**
   * Starts (or finds) the one run for {@code distinctId}. The id must already be valid ({@link
   * dev.offboarding.suprsend.contract.DistinctIds}).
   */
  public StartedRun start(String distinctId, String reason, String requestedBy) {
    return start(new OffboardingRequest(distinctId, reason, requestedBy));
  }

  /** Starts (or finds) the one run for {@code request.distinctId()}; a called-off run stands. */
  public StartedRun start(OffboardingRequest request) {
    return start(request, Again.NEVER);
  }

  /** Starts (or finds) the one run for {@code request.distinctId()}, waiting phases included. */
  public StartedRun start(OffboardingRequest request, Again again) {
    return startNew(request, Map.of())
        .orElseGet(
            () -> startAfter(request, latest(request.distinctId()).orElse(null), Map.of(), again));
  }

  /**
   * Starts a run for {@code request.distinctId()} only if Temporal has no run at all under its
   * workflow id, open or closed ({@link StartKind#STARTED}); empty when one exists, and nothing was
   * started. One call: a user seen for the first time needs no {@link #latest} before the start.
   * When a run exists, find it with {@link #latest} and decide with {@link #startAfter}: whether it
   * is open, failed, or was called off by a person is only read from the run itself, so no decision
   * ever rests on what this start could not see.
   *
   * @param memo added to the new run's memo (the bulk command tags its runs)
   */
  public Optional<StartedRun> startNew(OffboardingRequest request, Map<String, Object> memo) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder(options(request, memo))
            // Stricter than the documented policies: any earlier run refuses this start.
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .build();
    try {
      WorkflowExecution execution =
          client.newUntypedWorkflowStub(OffboardingIds.WORKFLOW_TYPE, options).start(request);
      return Optional.of(
          new StartedRun(
              request.distinctId(),
              options.getWorkflowId(),
              execution.getRunId(),
              StartKind.STARTED,
              null,
              null));
    } catch (WorkflowExecutionAlreadyStarted exists) {
      return Optional.empty();
    }
  }

  /** The latest run for {@code distinctId}, or empty when there is none (one describe call). */
  public Optional<WorkflowExecutionDescription> latest(String distinctId) {
    return Runs.describe(client, idScheme.workflowIdFor(distinctId));
  }

  /**
   * Starts (or finds) the one run for {@code request.distinctId()}, given what {@link #latest}
   * found before; {@code memo} is added to a new run's memo (the bulk command tags its runs).
   * Temporal's id policies decide: an open run is returned, a completed one refuses the start. A
   * run a person called off starts again only as {@code again} allows.
   */
  public StartedRun startAfter(
      OffboardingRequest request,
      WorkflowExecutionDescription before,
      Map<String, Object> memo,
      Again again) {
    String distinctId = request.distinctId();
    String workflowId = idScheme.workflowIdFor(distinctId);
    WorkflowExecutionStatus previous = before == null ? null : before.getStatus();
    if (previous == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED
        && again == Again.NEVER) {
      // Cancelled through Temporal by a person: as much a decision as ./offboard cancel.
      return new StartedRun(
          distinctId,
          workflowId,
          before.getExecution().getRunId(),
          StartKind.CALLED_OFF,
          previous,
          null);
    }
    WorkflowOptions options = options(request, memo);
    // Untyped, by the documented type name: a typed stub inspects the interface by reflection on
    // every start, which the bulk command would pay for once per user.
    WorkflowStub stub = client.newUntypedWorkflowStub(OffboardingIds.WORKFLOW_TYPE, options);
    try {
      WorkflowExecution execution = stub.start(request);
      StartKind kind;
      if (before != null
          && previous == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
          && before.getExecution().getRunId().equals(execution.getRunId())) {
        kind = StartKind.ALREADY_RUNNING;
      } else if (before != null
          && previous != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        kind = StartKind.STARTED_AGAIN;
      } else {
        kind = StartKind.STARTED;
      }
      return new StartedRun(distinctId, workflowId, execution.getRunId(), kind, previous, null);
    } catch (WorkflowExecutionAlreadyStarted e) {
      String runId = e.getExecution().getRunId();
      if (runId.isEmpty() && before != null) {
        runId = before.getExecution().getRunId();
      }
      Outcome calledOff = calledOff(workflowId, runId);
      if (calledOff == null) {
        return new StartedRun(
            distinctId, workflowId, runId, StartKind.ALREADY_COMPLETED, previous, null);
      }
      if (again == Again.NEVER) {
        return new StartedRun(
            distinctId, workflowId, runId, StartKind.CALLED_OFF, previous, calledOff);
      }
      // The user is still there; a rejection is not undone by starting again: approval again.
      OffboardingRequest next =
          calledOff == Outcome.REJECTED && again == Again.KEEP_APPROVAL
              ? request.withApproval(true)
              : request;
      WorkflowExecution execution =
          client
              .newUntypedWorkflowStub(
                  OffboardingIds.WORKFLOW_TYPE,
                  OffboardingWorkflowOptions.again(options(next, memo)))
              .start(next);
      return new StartedRun(
          distinctId,
          workflowId,
          execution.getRunId(),
          StartKind.STARTED_AGAIN,
          previous,
          calledOff);
    }
  }

  private WorkflowOptions options(OffboardingRequest request, Map<String, Object> memo) {
    WorkflowOptions options = OffboardingWorkflowOptions.forUser(request, taskQueue, idScheme);
    if (memo.isEmpty()) {
      return options;
    }
    Map<String, Object> merged = new HashMap<>();
    if (options.getMemo() != null) {
      merged.putAll(options.getMemo());
    }
    merged.putAll(memo);
    return WorkflowOptions.newBuilder(options).setMemo(merged).build();
  }

  /**
   * The completed run's outcome when a person called it off (the user was not removed), else null.
   */
  private Outcome calledOff(String workflowId, String runId) {
    try {
      OffboardingReceipt receipt =
          Runs.stubFor(client, workflowId, runId)
              .getResult(5, TimeUnit.SECONDS, OffboardingReceipt.class);
      return receipt.outcome() != null && !receipt.outcome().userRemoved()
          ? receipt.outcome()
          : null;
    } catch (TimeoutException | RuntimeException notAReceipt) {
      return null;
    }
  }
}
