package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.deletion.DeletionFailure;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;

/**
 * A failed delete activity, read: its failure type (the delete's own, or {@code
 * SuprSendRetryWindowExhausted}), a message that says what to do, and the attempts it made.
 */
record DeleteFailure(String type, String message, int attempts, int httpStatus) {

  /** Read with {@code advice} for an exhausted retry window. */
  static DeleteFailure of(ActivityFailure failure, RetrySettings retry, String advice) {
    Throwable cause = failure.getCause();
    ApplicationFailure last = lastApplicationFailure(cause);
    int attempts = 0;
    int httpStatus = 0;
    if (last != null && last.getDetails().getSize() > 0) {
      DeletionFailure details = last.getDetails().get(0, DeletionFailure.class);
      attempts = details.attempt();
      httpStatus = details.httpStatus();
    }
    if (failure.getRetryState() == RetryState.RETRY_STATE_TIMEOUT
        || failure.getRetryState() == RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED
        || cause instanceof TimeoutFailure) {
      return new DeleteFailure(
          OffboardingFailures.RETRY_WINDOW_EXHAUSTED,
          "Gave up after retrying for the whole retry window ("
              + retry.retryWindow()
              + ")"
              + (last != null ? "; last error: " + last.getOriginalMessage() : "")
              + ". "
              + advice,
          attempts,
          httpStatus);
    }
    if (last != null) {
      return new DeleteFailure(last.getType(), last.getOriginalMessage(), attempts, httpStatus);
    }
    return new DeleteFailure(
        OffboardingFailures.RETRY_WINDOW_EXHAUSTED,
        String.valueOf(cause == null ? failure.getMessage() : cause.getMessage()),
        attempts,
        httpStatus);
  }

  /** The delete's own failure: the cause itself, or the last attempt's behind a timeout. */
  static ApplicationFailure lastApplicationFailure(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app;
      }
    }
    return null;
  }
}
