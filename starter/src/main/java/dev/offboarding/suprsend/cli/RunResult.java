package dev.offboarding.suprsend.cli;

import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import dev.offboarding.suprsend.deletion.DeletionFailure;
import dev.offboarding.suprsend.workflow.OperatorCommands;
import io.temporal.client.WorkflowException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one offboarding run ended: its receipt when it completed, else the failure type and message
 * (and, when the delete itself failed, SuprSend's status and the attempt that failed).
 *
 * @param distinctId the SuprSend distinct id
 * @param workflowId the workflow id
 * @param runId the run id
 * @param receipt the receipt when the run completed, else null
 * @param failureType the failure type when it did not complete (e.g. {@code
 *     SuprSendAuthenticationFailed}), else null
 * @param error the failure message, else null
 * @param httpStatus SuprSend's status for the deciding or failing call, 0 when unknown
 * @param attempts delete attempts, 0 when unknown
 * @param note a short remark for people (not part of the receipt)
 * @param waitingIn for a run that is still open but waits for a person or a timer ({@code
 *     NEEDS_ATTENTION}, {@code AWAITING_APPROVAL}, {@code GRACE_PERIOD}): that state, else null
 * @param commands for such a run: the {@code ./offboard} commands that move it on
 */
public record RunResult(
    String distinctId,
    String workflowId,
    String runId,
    OffboardingReceipt receipt,
    String failureType,
    String error,
    int httpStatus,
    int attempts,
    String note,
    OffboardingState waitingIn,
    List<String> commands) {

  /** The states in which a run waits for a person or a long timer: nothing to wait for here. */
  public static final Set<OffboardingState> WAITING =
      EnumSet.of(
          OffboardingState.NEEDS_ATTENTION,
          OffboardingState.AWAITING_APPROVAL,
          OffboardingState.GRACE_PERIOD);

  public RunResult {
    commands = commands == null ? List.of() : List.copyOf(commands);
  }

  /** A run that is open and waits (see {@link #WAITING}), from its {@code status} query. */
  public static RunResult waiting(
      String distinctId, String workflowId, String runId, OffboardingStatus status) {
    String type =
        status.state() == OffboardingState.NEEDS_ATTENTION && status.failureType() != null
            ? status.failureType()
            : status.state().name();
    String why =
        status.state() == OffboardingState.NEEDS_ATTENTION && status.lastError() != null
            ? status.lastError()
            : "waiting for " + status.waitingFor();
    return new RunResult(
        distinctId,
        workflowId,
        runId,
        null,
        type,
        why,
        status.httpStatus(),
        status.attempts(),
        null,
        status.state(),
        OperatorCommands.forActions(distinctId, status.allowedActions()));
  }

  /** A completed run. */
  public static RunResult completed(OffboardingReceipt receipt, String note) {
    return new RunResult(
        receipt.distinctId(),
        receipt.workflowId(),
        receipt.runId(),
        receipt,
        null,
        null,
        receipt.httpStatus(),
        receipt.attempts(),
        note,
        null,
        List.of());
  }

  /** A run that ended without an outcome, from the exception {@code getResult} raised. */
  public static RunResult failed(
      String distinctId, String workflowId, String runId, Throwable failure) {
    Throwable cause =
        failure instanceof WorkflowException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    String type;
    String message;
    if (cause instanceof ApplicationFailure app) {
      type = app.getType();
      message = app.getOriginalMessage();
    } else if (cause instanceof CanceledFailure) {
      type = "Canceled";
      message = "the run was cancelled before it finished";
    } else if (cause instanceof TerminatedFailure terminated) {
      type = "Terminated";
      message = "the run was terminated: " + Text.orDash(terminated.getOriginalMessage());
    } else if (cause instanceof TimeoutFailure timeout) {
      type = "Timeout";
      message = "the run timed out (" + timeout.getTimeoutType() + ")";
    } else if (cause instanceof TemporalFailure temporal) {
      type = cause.getClass().getSimpleName();
      message = temporal.getOriginalMessage();
    } else {
      type = cause.getClass().getSimpleName();
      message = cause.getMessage();
    }
    DeletionFailure details = deletionFailure(cause);
    return new RunResult(
        distinctId,
        workflowId,
        runId,
        null,
        type,
        message,
        details == null ? 0 : details.httpStatus(),
        details == null ? 0 : details.attempt(),
        null,
        null,
        List.of());
  }

  /** A copy with another note. */
  public RunResult withNote(String value) {
    return new RunResult(
        distinctId,
        workflowId,
        runId,
        receipt,
        failureType,
        error,
        httpStatus,
        attempts,
        value,
        waitingIn,
        commands);
  }

  /** True when the run completed with a receipt (any outcome, see {@link #removedTheUser}). */
  public boolean isCompleted() {
    return receipt != null;
  }

  /** True when the run completed and the user is gone (DELETED, ALREADY_ABSENT, SKIPPED_...). */
  public boolean removedTheUser() {
    return receipt != null && receipt.outcome() != null && receipt.outcome().userRemoved();
  }

  /** The outcome, or the failure type (for a waiting run: its failure type or state). */
  public String result() {
    return isCompleted() ? receipt.outcome().name() : failureType;
  }

  /**
   * The JSON form: the receipt itself for a completed run (the public contract), else an object
   * with {@code "outcome": null}, {@code "state": "FAILED"}, the failure type and message.
   */
  public Object toJson() {
    if (isCompleted()) {
      return receipt;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("distinctId", distinctId);
    json.put("workflowId", workflowId);
    json.put("runId", runId);
    json.put("outcome", null);
    json.put("state", waitingIn != null ? waitingIn.name() : "FAILED");
    json.put("failureType", failureType);
    json.put("error", error);
    json.put("httpStatus", httpStatus == 0 ? null : httpStatus);
    json.put("attempts", attempts == 0 ? null : attempts);
    if (waitingIn != null) {
      json.put("commands", commands);
    }
    return json;
  }

  /** The delete's failure details somewhere in the cause chain, or null. */
  private static DeletionFailure deletionFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app && app.getDetails().getSize() > 0) {
        try {
          return app.getDetails().get(0, DeletionFailure.class);
        } catch (RuntimeException notOurs) {
          // details of another shape: keep looking
        }
      }
    }
    return null;
  }
}
