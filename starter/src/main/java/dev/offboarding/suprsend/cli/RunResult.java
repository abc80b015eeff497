package dev.offboarding.suprsend.cli;

import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.deletion.DeletionFailure;
import io.temporal.client.WorkflowException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.LinkedHashMap;
import java.util.Map;

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
 */
record RunResult(
    String distinctId,
    String workflowId,
    String runId,
    OffboardingReceipt receipt,
    String failureType,
    String error,
    int httpStatus,
    int attempts,
    String note) {

  /** A completed run. */
  static RunResult completed(OffboardingReceipt receipt, String note) {
    return new RunResult(
        receipt.distinctId(),
        receipt.workflowId(),
        receipt.runId(),
        receipt,
        null,
        null,
        receipt.httpStatus(),
        receipt.attempts(),
        note);
  }

  /** A run that ended without an outcome, from the exception {@code getResult} raised. */
  static RunResult failed(String distinctId, String workflowId, String runId, Throwable failure) {
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
        null);
  }

  /** A copy with another note. */
  RunResult withNote(String value) {
    return new RunResult(
        distinctId, workflowId, runId, receipt, failureType, error, httpStatus, attempts, value);
  }

  /** True when the run completed (DELETED or ALREADY_ABSENT). */
  boolean isCompleted() {
    return receipt != null;
  }

  /** The outcome, or the failure type. */
  String result() {
    return isCompleted() ? receipt.outcome().name() : failureType;
  }

  /**
   * The JSON form: the receipt itself for a completed run (the public contract), else an object
   * with {@code "outcome": null}, {@code "state": "FAILED"}, the failure type and message.
   */
  Object toJson() {
    if (isCompleted()) {
      return receipt;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("distinctId", distinctId);
    json.put("workflowId", workflowId);
    json.put("runId", runId);
    json.put("outcome", null);
    json.put("state", "FAILED");
    json.put("failureType", failureType);
    json.put("error", error);
    json.put("httpStatus", httpStatus == 0 ? null : httpStatus);
    json.put("attempts", attempts == 0 ? null : attempts);
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
