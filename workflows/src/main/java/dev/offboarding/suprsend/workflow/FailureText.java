package dev.offboarding.suprsend.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;

/** One line saying why an activity failed, for the timeline, the UI and the receipt. */
final class FailureText {

  private FailureText() {}

  static String of(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    ApplicationFailure last = DeleteFailure.lastApplicationFailure(cause);
    if (cause instanceof TimeoutFailure) {
      return "still failing when its retry window ended"
          + (last == null ? "" : "; last error: " + last.getOriginalMessage());
    }
    if (last != null) {
      return last.getType() + ": " + last.getOriginalMessage();
    }
    return String.valueOf(cause == null ? failure.getMessage() : cause.getMessage());
  }

  /**
   * The failure's type: the activity's own, or {@code SuprSendRetryWindowExhausted} after a
   * timeout.
   */
  static String type(ActivityFailure failure) {
    if (failure.getCause() instanceof TimeoutFailure) {
      return OffboardingFailures.RETRY_WINDOW_EXHAUSTED;
    }
    ApplicationFailure last = DeleteFailure.lastApplicationFailure(failure.getCause());
    return last == null ? "ActivityFailure" : last.getType();
  }
}
