package dev.offboarding.suprsend.cli;

import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import dev.offboarding.suprsend.workflow.UserOffboarding;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Watches the runs {@link Offboardings} started: waits for their results, or until they wait for a
 * person or a long timer, and says where a slow one stands. Shared by {@code start}, {@code bulk}
 * and {@code demo}.
 */
public final class RunWatch {

  /** The workflow's {@code status} query. */
  public static final String STATUS_QUERY = UserOffboarding.Queries.STATUS;

  /** How often a waiting client asks whether the run now waits for a person. */
  public static final Duration WAITING_CHECK_EVERY = Duration.ofSeconds(1);

  private static final Duration MAX_CHECK = Duration.ofSeconds(10);

  /** Asks open runs of {@link #resultAsync} whether they wait for a person; one daemon thread. */
  private static final ScheduledExecutorService WAITING_CHECKS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "offboarding-waiting-checks");
            t.setDaemon(true);
            return t;
          });

  private final WorkflowClient client;

  public RunWatch(WorkflowClient client) {
    this.client = client;
  }

  /**
   * The run as a {@link RunResult} when it is open but waits for a person or a long timer ({@code
   * NEEDS_ATTENTION}, approval, grace period); empty while it is working, or when no worker answers
   * the query.
   */
  public Optional<RunResult> waiting(Offboardings.StartedRun run) {
    try {
      OffboardingStatus status =
          Runs.stubFor(client, run.workflowId(), run.runId())
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
  public RunResult await(
      Offboardings.StartedRun run, Duration progressEvery, Consumer<String> progress) {
    WorkflowStub stub = Runs.stubFor(client, run.workflowId(), run.runId());
    long slice = Math.max(1, Math.min(progressEvery.toMillis(), WAITING_CHECK_EVERY.toMillis()));
    long nextProgress = System.nanoTime() + progressEvery.toNanos();
    while (true) {
      try {
        OffboardingReceipt receipt =
            stub.getResult(slice, TimeUnit.MILLISECONDS, OffboardingReceipt.class);
        return RunResult.completed(receipt, noteFor(run, receipt));
      } catch (TimeoutException | WorkflowServiceException stillRunning) {
        if (stillRunning instanceof WorkflowServiceException e && !isBusy(e)) {
          throw e;
        }
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
            .withNote(run.kind() == Offboardings.StartKind.STARTED ? null : run.note());
      }
    }
  }

  /**
   * True when a real Temporal server answered the result poll with RESOURCE_EXHAUSTED ("Workflow is
   * busy": the run was being updated at that moment) and the SDK's retries did not get through
   * within the poll's short deadline: the run goes on, so the poll is simply asked again.
   */
  private static boolean isBusy(WorkflowServiceException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException status) {
        return status.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED;
      }
    }
    return false;
  }

  /**
   * The run's result without blocking a thread: a completed run's receipt, how it failed, or (when
   * it waits for a person or a long timer) where it waits. The future fails only when Temporal
   * could not be asked (connection lost).
   */
  public CompletableFuture<RunResult> resultAsync(Offboardings.StartedRun run) {
    return resultAsync(run, endAsync(run));
  }

  /**
   * As {@link #resultAsync(Offboardings.StartedRun)}, with the run's end told by {@code ended}
   * instead of a long-poll of its own (the bulk engine learns which runs closed from visibility).
   */
  public CompletableFuture<RunResult> resultAsync(
      Offboardings.StartedRun run, CompletableFuture<RunResult> ended) {
    CompletableFuture<RunResult> first = new CompletableFuture<>();
    // `first` carries the outcome; the future whenComplete returns adds nothing to it.
    CompletableFuture<RunResult> unused =
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

  public WorkflowClient client() {
    return client;
  }

  /** Until {@code first} is done: asks the run, backing off to every 10 s, whether it waits. */
  private void checkWaiting(
      Offboardings.StartedRun run, CompletableFuture<RunResult> first, Duration every) {
    Duration next =
        every.multipliedBy(2).compareTo(MAX_CHECK) > 0 ? MAX_CHECK : every.multipliedBy(2);
    // Every failure is handled inside the task (the scheduled future is never read): a check that
    // could not ask the run (a busy workflow, a slow query) is tried again later; the run's end
    // still comes through `first` from the result itself.
    ScheduledFuture<?> unused =
        WAITING_CHECKS.schedule(
            () -> {
              if (first.isDone()) {
                return;
              }
              Optional<RunResult> waits;
              try {
                waits = waiting(run);
              } catch (RuntimeException e) {
                checkWaiting(run, first, next);
                return;
              }
              if (waits.isPresent()) {
                first.complete(waits.get());
              } else {
                checkWaiting(run, first, next);
              }
            },
            every.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /**
   * The run's end: its receipt or how it failed. On an open run this is a long-poll until it
   * closes; on a closed one a single read.
   */
  public CompletableFuture<RunResult> endAsync(Offboardings.StartedRun run) {
    WorkflowStub stub = Runs.stubFor(client, run.workflowId(), run.runId());
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

  private static String noteFor(Offboardings.StartedRun run, OffboardingReceipt receipt) {
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
      case CALLED_OFF -> run.note() + ": " + what;
    };
  }

  private String progressLine(Offboardings.StartedRun run) {
    String id = Text.printable(run.distinctId());
    String hint = "./offboard status " + Text.shellWord(run.distinctId());
    try {
      WorkflowExecutionDescription d =
          Runs.stubFor(client, run.workflowId(), run.runId()).describe();
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
