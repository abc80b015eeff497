package dev.offboarding.suprsend.cli;

import dev.offboarding.suprsend.contract.IdScheme;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.Outcome;
import dev.offboarding.suprsend.workflow.OffboardingWorkflowOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowTargetOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Starts offboardings the one documented way ({@link OffboardingWorkflowOptions#forUser}) and waits
 * for their results. Shared by {@code start} and {@code demo}.
 */
final class Offboardings {

  /** How a start went. */
  enum StartKind {
    /** A new run was started. */
    STARTED,
    /** A new run was started after an earlier one failed (or was cancelled or terminated). */
    STARTED_AGAIN,
    /** A run was already open: Temporal returned it instead of starting a second one. */
    ALREADY_RUNNING,
    /** A completed run exists: the user was already offboarded; nothing was started. */
    ALREADY_COMPLETED
  }

  /** One start's result. */
  record StartedRun(
      String distinctId,
      String workflowId,
      String runId,
      StartKind kind,
      WorkflowExecutionStatus previous) {

    /** One line for people. */
    String note() {
      return switch (kind) {
        case STARTED -> "started";
        case STARTED_AGAIN -> "started again: the previous run ended " + statusName(previous);
        case ALREADY_RUNNING -> "already running: the open run was returned, nothing new started";
        case ALREADY_COMPLETED -> "already offboarded: a completed run exists, nothing new started";
      };
    }
  }

  private final WorkflowClient client;
  private final String taskQueue;
  private final IdScheme idScheme;

  Offboardings(WorkflowClient client, String taskQueue) {
    this(client, taskQueue, IdScheme.PLAIN);
  }

  /** Workflow ids follow {@code idScheme}: the plain id is hashed first under {@code sha256}. */
  Offboardings(WorkflowClient client, String taskQueue, IdScheme idScheme) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.idScheme = idScheme;
  }

  /**
   * Starts (or finds) the one run for {@code distinctId}. The id must already be valid ({@link
   * dev.offboarding.suprsend.contract.DistinctIds}).
   */
  StartedRun start(String distinctId, String reason, String requestedBy) {
    return startAfter(
        new OffboardingRequest(distinctId, reason, requestedBy),
        latest(distinctId).orElse(null),
        Map.of());
  }

  /** The latest run for {@code distinctId}, or empty when there is none (one describe call). */
  Optional<WorkflowExecutionDescription> latest(String distinctId) {
    return describe(client, idScheme.workflowIdFor(distinctId));
  }

  /**
   * Starts (or finds) the one run for {@code request.distinctId()}, given what {@link #latest}
   * found before; {@code memo} is added to a new run's memo (the bulk command tags its runs).
   * Temporal's id policies decide: an open run is returned, a completed one refuses the start.
   */
  StartedRun startAfter(
      OffboardingRequest request, WorkflowExecutionDescription before, Map<String, Object> memo) {
    String distinctId = request.distinctId();
    String workflowId = idScheme.workflowIdFor(distinctId);
    WorkflowExecutionStatus previous = before == null ? null : before.getStatus();
    WorkflowOptions options = OffboardingWorkflowOptions.forUser(distinctId, taskQueue, idScheme);
    if (!memo.isEmpty()) {
      Map<String, Object> merged = new HashMap<>();
      if (options.getMemo() != null) {
        merged.putAll(options.getMemo());
      }
      merged.putAll(memo);
      options = WorkflowOptions.newBuilder(options).setMemo(merged).build();
    }
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
      return new StartedRun(distinctId, workflowId, execution.getRunId(), kind, previous);
    } catch (WorkflowExecutionAlreadyStarted e) {
      String runId = e.getExecution().getRunId();
      if (runId.isEmpty() && before != null) {
        runId = before.getExecution().getRunId();
      }
      return new StartedRun(distinctId, workflowId, runId, StartKind.ALREADY_COMPLETED, previous);
    }
  }

  /**
   * Waits for the run's result; every {@code progressEvery} it reports where a slow run stands
   * through {@code progress}.
   */
  RunResult await(StartedRun run, Duration progressEvery, Consumer<String> progress) {
    WorkflowStub stub = stubFor(client, run.workflowId(), run.runId());
    while (true) {
      try {
        OffboardingReceipt receipt =
            stub.getResult(
                Math.max(1, progressEvery.toMillis()),
                TimeUnit.MILLISECONDS,
                OffboardingReceipt.class);
        return RunResult.completed(receipt, noteFor(run, receipt));
      } catch (TimeoutException stillRunning) {
        progress.accept(progressLine(run));
      } catch (WorkflowFailedException e) {
        String failedRun = e.getExecution().getRunId();
        return RunResult.failed(
                run.distinctId(),
                run.workflowId(),
                failedRun.isEmpty() ? run.runId() : failedRun,
                e)
            .withNote(run.kind() == StartKind.STARTED ? null : run.note());
      }
    }
  }

  /**
   * The run's result without blocking a thread: a completed run's receipt, or how it failed. The
   * future fails only when Temporal could not be asked (connection lost).
   */
  CompletableFuture<RunResult> resultAsync(StartedRun run) {
    WorkflowStub stub = stubFor(client, run.workflowId(), run.runId());
    return stub.getResultAsync(OffboardingReceipt.class)
        .handle(
            (receipt, error) -> {
              if (error == null) {
                return RunResult.completed(receipt, noteFor(run, receipt));
              }
              Throwable cause =
                  error instanceof CompletionException && error.getCause() != null
                      ? error.getCause()
                      : error;
              if (cause instanceof WorkflowFailedException failed) {
                String failedRun = failed.getExecution().getRunId();
                return RunResult.failed(
                    run.distinctId(),
                    run.workflowId(),
                    failedRun.isEmpty() ? run.runId() : failedRun,
                    failed);
              }
              throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            });
  }

  /** An untyped stub for one run, or for the latest run when {@code runId} is null or empty. */
  static WorkflowStub stubFor(WorkflowClient client, String workflowId, String runId) {
    WorkflowTargetOptions.Builder target =
        WorkflowTargetOptions.newBuilder().setWorkflowId(workflowId);
    if (runId != null && !runId.isEmpty()) {
      target.setRunId(runId);
    }
    return client.newUntypedWorkflowStub(target.build());
  }

  /** The latest run's description, or empty when there is no run with this id. */
  static Optional<WorkflowExecutionDescription> describe(WorkflowClient client, String workflowId) {
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
  static String statusName(WorkflowExecutionStatus status) {
    if (status == null) {
      return "-";
    }
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
  }

  private static String noteFor(StartedRun run, OffboardingReceipt receipt) {
    String what =
        receipt.outcome() == Outcome.ALREADY_ABSENT
            ? "SuprSend had no such user"
            : receipt.attempts() > 1
                ? "deleted after " + receipt.attempts() + " attempts"
                : "deleted";
    return switch (run.kind()) {
      case STARTED, STARTED_AGAIN -> what;
      case ALREADY_RUNNING -> "joined the open run: " + what;
      case ALREADY_COMPLETED ->
          "already offboarded at "
              + Text.time(receipt.completedAt())
              + ": existing receipt, no second delete";
    };
  }

  private String progressLine(StartedRun run) {
    String id = Text.printable(run.distinctId());
    String hint = "./offboard status " + Text.shellWord(run.distinctId());
    try {
      WorkflowExecutionDescription d = stubFor(client, run.workflowId(), run.runId()).describe();
      Optional<PendingDelete> pending = PendingDelete.in(d.getRawDescription());
      if (pending.isPresent() && pending.get().lastFailure() != null) {
        PendingDelete p = pending.get();
        // A real server reports when the next attempt is due; the test server does not.
        String next =
            !p.running() && p.nextAttemptAt() != null
                ? "attempt "
                    + p.attempt()
                    + " in "
                    + Text.duration(Duration.between(Instant.now(), p.nextAttemptAt()))
                : "now at attempt " + p.attempt();
        return "still waiting for "
            + id
            + ": last attempt failed: "
            + p.lastFailure()
            + "; "
            + next
            + ". Ctrl-C stops waiting; the offboarding goes on ("
            + hint
            + ")";
      }
      if (pending.isEmpty()
          && d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return "still waiting for "
            + id
            + ": no delete has been scheduled yet. Is a worker polling task queue "
            + d.getTaskQueue()
            + "? (./offboard worker, or ./offboard dev)";
      }
    } catch (RuntimeException describeFailed) {
      // progress is best effort
    }
    return "still waiting for "
        + id
        + " (Ctrl-C stops waiting; the offboarding goes on: "
        + hint
        + ")";
  }
}
