package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.DistinctIds;
import dev.offboarding.suprsend.contract.IdScheme;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import dev.offboarding.suprsend.contract.Outcome;
import dev.offboarding.suprsend.deletion.DeleteSuprSendUser;
import dev.offboarding.suprsend.deletion.DeletionFailure;
import dev.offboarding.suprsend.deletion.DeletionResult;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * validate → delete → receipt. Deterministic: every decision depends only on the input and on
 * activity results recorded in history.
 */
public class UserOffboardingImpl implements UserOffboarding {

  private static final Logger log = Workflow.getLogger(UserOffboardingImpl.class);

  private final DeleteRetrySettings retry;

  private OffboardingState state = OffboardingState.VALIDATING;
  private int attempts;
  private String lastError;
  private Outcome outcome;
  private Instant updatedAt;

  /** With the default retry policy (used by replay tests and plain registrations). */
  public UserOffboardingImpl() {
    this(DeleteRetrySettings.defaults());
  }

  /** With the worker's configured retry policy. */
  public UserOffboardingImpl(DeleteRetrySettings retry) {
    this.retry = retry;
  }

  @Override
  public OffboardingReceipt offboard(OffboardingRequest request) {
    Instant startedAt = now();
    updatedAt = startedAt;
    WorkflowInfo info = Workflow.getInfo();
    validate(request, info);

    String distinctId = request.distinctId();
    moveTo(OffboardingState.DELETING);
    DeleteSuprSendUser suprSend =
        Workflow.newActivityStub(DeleteSuprSendUser.class, retry.toActivityOptions());
    DeletionResult result;
    try {
      result = suprSend.delete(distinctId);
    } catch (ActivityFailure failure) {
      throw endWith(failure);
    }

    attempts = result.attempt();
    outcome = result.outcome();
    lastError = null;
    moveTo(OffboardingState.COMPLETED);
    log.info("Offboarding completed: {} after {} attempt(s)", outcome, attempts);
    return new OffboardingReceipt(
        distinctId,
        result.outcome(),
        result.httpStatus(),
        result.attempt(),
        startedAt,
        updatedAt,
        info.getWorkflowId(),
        info.getRunId(),
        request.reason(),
        request.requestedBy());
  }

  @Override
  public OffboardingStatus status() {
    return new OffboardingStatus(state, attempts, lastError, outcome, updatedAt);
  }

  private void validate(OffboardingRequest request, WorkflowInfo info) {
    if (request == null) {
      throw invalid(
          "The workflow input is missing: start UserOffboarding with {\"distinctId\": \"...\"}");
    }
    String problem = DistinctIds.problemWith(request.distinctId());
    if (problem != null) {
      throw invalid(problem);
    }
    if (!IdScheme.matches(info.getWorkflowId(), request.distinctId())) {
      // Not refused: replays and tools run under other ids. But say it, because only the
      // documented id keeps a second start for the same user from deleting twice.
      log.warn(
          "Workflow id does not follow the scheme {}<distinctId>: a second start for this user"
              + " would not be recognised as a duplicate",
          OffboardingIds.WORKFLOW_ID_PREFIX);
    }
  }

  private ApplicationFailure invalid(String message) {
    lastError = message;
    moveTo(OffboardingState.FAILED);
    return ApplicationFailure.newNonRetryableFailure(message, OffboardingFailures.INVALID_REQUEST);
  }

  /** Ends the run as failed, keeping the delete's failure type so callers can tell causes apart. */
  private ApplicationFailure endWith(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    ApplicationFailure last = lastApplicationFailure(cause);
    if (last != null && last.getDetails().getSize() > 0) {
      attempts = last.getDetails().get(0, DeletionFailure.class).attempt();
    }
    String type;
    String message;
    if (failure.getRetryState() == RetryState.RETRY_STATE_TIMEOUT
        || failure.getRetryState() == RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED
        || cause instanceof TimeoutFailure) {
      type = OffboardingFailures.RETRY_WINDOW_EXHAUSTED;
      message =
          "Gave up after retrying for the whole retry window ("
              + retry.retryWindow()
              + ")"
              + (last != null ? "; last error: " + last.getOriginalMessage() : "")
              + ". Start the offboarding again once SuprSend answers";
    } else if (last != null) {
      type = last.getType();
      message = last.getOriginalMessage();
    } else {
      type = OffboardingFailures.RETRY_WINDOW_EXHAUSTED;
      message = String.valueOf(cause == null ? failure.getMessage() : cause.getMessage());
    }
    lastError = message;
    moveTo(OffboardingState.FAILED);
    log.warn("Offboarding failed ({}): {}", type, message);
    return ApplicationFailure.newNonRetryableFailureWithCause(message, type, failure);
  }

  /** The delete's own failure: the cause itself, or the last attempt's behind a timeout. */
  private static ApplicationFailure lastApplicationFailure(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app;
      }
    }
    return null;
  }

  private void moveTo(OffboardingState next) {
    state = next;
    updatedAt = now();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
