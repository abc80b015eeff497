package dev.offboarding.suprsend.cli;

import dev.offboarding.suprsend.contract.IdScheme;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import dev.offboarding.suprsend.workflow.OffboardingWorkflowOptions;
import dev.offboarding.suprsend.workflow.UserOffboarding;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Starts offboardings the one documented way ({@link OffboardingWorkflowOptions#forUser}) and waits
 * for their results. Shared by {@code start} and {@code demo}.
 */
public final class Offboardings {

  /** How a start went. */
  public enum StartKind {
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
  public record StartedRun(
      String distinctId,
      String workflowId,
      String runId,
      StartKind kind,
      WorkflowExecutionStatus previous) {

    /** One line for people. */
    public String note() {
      return switch (kind) {
        case STARTED -> "started";
        case STARTED_AGAIN -> "started again: the previous run ended " + statusName(previous);
        case ALREADY_RUNNING -> "already running: the open run was returned, nothing new started";
        case ALREADY_COMPLETED -> "already offboarded: a completed run exists, nothing new started";
      };
    }
  }

  /** The workflow's {@code status} query. */
  public static final String STATUS_QUERY = UserOffboarding.Queries.STATUS;

  /** How often a waiting client asks whether the run now waits for a person. */
  public static final Duration WAITING_CHECK_EVERY = Duration.ofSeconds(1);

  /** Asks open runs of {@link #resultAsync} whether they wait for a person; one daemon thread. */
  private static final ScheduledExecutorService WAITING_CHECKS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "offboarding-waiting-checks");
            t.setDaemon(true);
            return t;
          });

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

  /** Starts (or finds) the one run for {@code request.distinctId()}, waiting phases included. */
  public StartedRun start(OffboardingRequest request) {
    return startAfter(request, latest(request.distinctId()).orElse(null), Map.of());
  }

  /** The latest run for {@code distinctId}, or empty when there is none (one describe call). */
  public Optional<WorkflowExecutionDescription> latest(String distinctId) {
    return describe(client, idScheme.workflowIdFor(distinctId));
  }

  /**
   * Starts (or finds) the one run for {@code request.distinctId()}, given what {@link #latest}
   * found before; {@code memo} is added to a new run's memo (the bulk command tags its runs).
   * Temporal's id policies decide: an open run is returned, a completed one refuses the start.
   */
  public StartedRun startAfter(
      OffboardingRequest request, WorkflowExecutionDescription before, Map<String, Object> memo) {
    String distinctId = request.distinctId();
    String workflowId = idScheme.workflowIdFor(distinctId);
    WorkflowExecutionStatus previous = before == null ? null : before.getStatus();
    WorkflowOptions options = OffboardingWorkflowOptions.forUser(request, taskQueue, idScheme);
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
      if (calledOff(workflowId, runId)) {
        // The completed run was cancelled, rejected or aborted: the user is still there.
        WorkflowExecution execution =
            client
                .newUntypedWorkflowStub(
                    OffboardingIds.WORKFLOW_TYPE, OffboardingWorkflowOptions.again(options))
                .start(request);
        return new StartedRun(
            distinctId, workflowId, execution.getRunId(), StartKind.STARTED_AGAIN, previous);
      }
      return new StartedRun(distinctId, workflowId, runId, StartKind.ALREADY_COMPLETED, previous);
    }
  }

  /** True when the completed run's receipt says an operator called it off (user not removed). */
  private boolean calledOff(String workflowId, String runId) {
    try {
      OffboardingReceipt receipt =
          stubFor(client, workflowId, runId)
              .getResult(5, TimeUnit.SECONDS, OffboardingReceipt.class);
      return receipt.outcome() != null && !receipt.outcome().userRemoved();
    } catch (TimeoutException | RuntimeException notAReceipt) {
      return false;
    }
  }

  /**
   * The run as a {@link RunResult} when it is open but waits for a person or a long timer ({@code
   * NEEDS_ATTENTION}, approval, grace period); empty while it is working, or when no worker answers
   * the query.
   */
  public Optional<RunResult> waiting(StartedRun run) {
    try {
      OffboardingStatus status =
          stubFor(client, run.workflowId(), run.runId())
              .query(STATUS_QUERY, OffboardingStatus.class);
      if (status != null && RunResult.WAITING.contains(status.state())) {
        return Optional.of(
            RunResult.waiting(run.distinctId(), run.workflowId(), run.runId(), status));
      }
    } catch (WorkflowException notAnswered) {
      // no worker yet, or the run just closed: the result will tell
    }
    return Optional.empty();
  }

  /**
   * Waits for the run's result, or until it waits for a person or a long timer ({@link #waiting});
   * every {@code progressEvery} it reports where a slow run stands through {@code progress}.
   */
  public RunResult await(StartedRun run, Duration progressEvery, Consumer<String> progress) {
    WorkflowStub stub = stubFor(client, run.workflowId(), run.runId());
    long slice = Math.max(1, Math.min(progressEvery.toMillis(), WAITING_CHECK_EVERY.toMillis()));
    long nextProgress = System.nanoTime() + progressEvery.toNanos();
    while (true) {
      try {
        OffboardingReceipt receipt =
            stub.getResult(slice, TimeUnit.MILLISECONDS, OffboardingReceipt.class);
        return RunResult.completed(receipt, noteFor(run, receipt));
      } catch (TimeoutException stillRunning) {
        Optional<RunResult> waits = waiting(run);
        if (waits.isPresent()) {
          return waits.get();
        }
        if (System.nanoTime() >= nextProgress) {
          progress.accept(progressLine(run));
          nextProgress = System.nanoTime() + progressEvery.toNanos();
        }
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
   * The run's result without blocking a thread: a completed run's receipt, how it failed, or (when
   * it waits for a person or a long timer) where it waits. The future fails only when Temporal
   * could not be asked (connection lost).
   */
  public CompletableFuture<RunResult> resultAsync(StartedRun run) {
    CompletableFuture<RunResult> ended = endAsync(run);
    CompletableFuture<RunResult> first = new CompletableFuture<>();
    ended.whenComplete(
        (result, error) -> {
          if (error != null) {
            first.completeExceptionally(error);
          } else {
            first.complete(result);
          }
        });
    checkWaiting(run, first, WAITING_CHECK_EVERY);
    return first;
  }

  /** Until {@code first} is done: asks the run, backing off to every 10 s, whether it waits. */
  private void checkWaiting(StartedRun run, CompletableFuture<RunResult> first, Duration every) {
    WAITING_CHECKS.schedule(
        () -> {
          if (first.isDone()) {
            return;
          }
          Optional<RunResult> waits = waiting(run);
          if (waits.isPresent()) {
            first.complete(waits.get());
          } else {
            Duration next = every.multipliedBy(2);
            checkWaiting(run, first, next.compareTo(MAX_CHECK) > 0 ? MAX_CHECK : next);
          }
        },
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static final Duration MAX_CHECK = Duration.ofSeconds(10);

  private CompletableFuture<RunResult> endAsync(StartedRun run) {
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

  private static String noteFor(StartedRun run, OffboardingReceipt receipt) {
    String what =
        switch (receipt.outcome()) {
          case ALREADY_ABSENT -> "SuprSend had no such user";
          case DELETED ->
              receipt.attempts() > 1
                  ? "deleted after " + receipt.attempts() + " attempts"
                  : "deleted";
          case SKIPPED_BY_OPERATOR -> "an operator confirmed the user is gone (skip)";
          case CANCELLED -> "cancelled by an operator: the user was restored";
          case REJECTED -> "rejected by an approver: the user was restored";
          case ABORTED -> "aborted by an operator: the user was restored";
        };
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
