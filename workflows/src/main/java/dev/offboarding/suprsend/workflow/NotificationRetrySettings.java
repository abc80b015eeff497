package dev.offboarding.suprsend.workflow;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The retry policy of each notification (webhook, SuprSend trigger), separate from the delete's:
 * notifications are retried for a long time, and a notification that still fails is recorded in the
 * receipt without changing the outcome.
 *
 * @param initialInterval the wait before the second attempt (default 5 s)
 * @param maximumInterval the longest wait between attempts (default 30 min)
 * @param retryWindow how long to keep trying (default 3 days; {@code
 *     OFFBOARDING_NOTIFY_RETRY_WINDOW})
 * @param attemptTimeout how long one attempt may take (default 30 s)
 */
public record NotificationRetrySettings(
    Duration initialInterval,
    Duration maximumInterval,
    Duration retryWindow,
    Duration attemptTimeout) {

  public NotificationRetrySettings {
    for (Duration d :
        new Duration[] {initialInterval, maximumInterval, retryWindow, attemptTimeout}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(
            "notification retry durations must be positive, was " + d);
      }
    }
    if (maximumInterval.compareTo(initialInterval) < 0) {
      throw new IllegalArgumentException(
          "maximumInterval ("
              + maximumInterval
              + ") is shorter than initialInterval ("
              + initialInterval
              + ")");
    }
  }

  /** 5 s, ×2, at most 30 min apart, for up to 3 days, 30 s per attempt. */
  public static NotificationRetrySettings defaults() {
    return new NotificationRetrySettings(
        Duration.ofSeconds(5), Duration.ofMinutes(30), Duration.ofDays(3), Duration.ofSeconds(30));
  }

  /** The defaults with another retry window. */
  public static NotificationRetrySettings withWindow(Duration retryWindow) {
    NotificationRetrySettings d = defaults();
    Duration max = d.maximumInterval.compareTo(retryWindow) > 0 ? retryWindow : d.maximumInterval;
    Duration initial = d.initialInterval.compareTo(max) > 0 ? max : d.initialInterval;
    return new NotificationRetrySettings(initial, max, retryWindow, d.attemptTimeout);
  }

  ActivityOptions toActivityOptions(String summary) {
    return ActivityOptions.newBuilder()
        .setSummary(summary)
        .setStartToCloseTimeout(attemptTimeout)
        .setScheduleToCloseTimeout(retryWindow)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(initialInterval)
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(maximumInterval)
                .build())
        .build();
  }
}
