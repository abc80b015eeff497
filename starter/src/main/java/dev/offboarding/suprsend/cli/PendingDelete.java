package dev.offboarding.suprsend.cli;

import com.google.protobuf.Timestamp;
import dev.offboarding.suprsend.deletion.DeleteSuprSendUser;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * What Temporal knows about a delete that is still being tried: the workflow itself only learns the
 * attempt count when the activity finishes, so live progress comes from here.
 *
 * @param attempt the current attempt number (1-based; the one running or the next one scheduled)
 * @param running true while an attempt is in flight, false while waiting for the next one
 * @param lastFailure the last attempt's failure message, or null
 * @param nextAttemptAt when the next attempt is scheduled, or null
 */
public record PendingDelete(
    int attempt, boolean running, String lastFailure, Instant nextAttemptAt) {

  /** The pending delete in a workflow description, if there is one. */
  public static Optional<PendingDelete> in(DescribeWorkflowExecutionResponse description) {
    for (PendingActivityInfo activity : description.getPendingActivitiesList()) {
      if (!DeleteSuprSendUser.ACTIVITY_TYPE.equals(activity.getActivityType().getName())) {
        continue;
      }
      String failure =
          activity.hasLastFailure() && !activity.getLastFailure().getMessage().isBlank()
              ? activity.getLastFailure().getMessage()
              : null;
      Instant next =
          activity.hasNextAttemptScheduleTime()
              ? toInstant(activity.getNextAttemptScheduleTime())
              : null;
      boolean running = activity.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;
      return Optional.of(
          new PendingDelete(Math.max(1, activity.getAttempt()), running, failure, next));
    }
    return Optional.empty();
  }

  private static Instant toInstant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
