package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.client.FailureKind;
import dev.offboarding.suprsend.deletion.DeleteSuprSendUserImpl;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.Arrays;

/**
 * The durable retry policy for the delete: Temporal retries transient failures with exponential
 * backoff for up to {@code retryWindow}, across worker restarts. Every figure is configurable in
 * the worker's configuration; a {@code Retry-After} from SuprSend replaces the backoff for one
 * attempt.
 *
 * @param initialInterval the wait before the second attempt (default 1 s)
 * @param backoffCoefficient how much each wait grows (default 2.0)
 * @param maximumInterval the longest wait between attempts (default 10 min)
 * @param retryWindow how long to keep trying in all (default 7 days; Temporal's schedule-to-close)
 * @param attemptTimeout how long one attempt may take (default 60 s; Temporal's start-to-close,
 *     longer than the HTTP client's connect plus read timeouts)
 */
public record DeleteRetrySettings(
    Duration initialInterval,
    double backoffCoefficient,
    Duration maximumInterval,
    Duration retryWindow,
    Duration attemptTimeout) {

  public DeleteRetrySettings {
    requirePositive("initialInterval", initialInterval);
    requirePositive("maximumInterval", maximumInterval);
    requirePositive("retryWindow", retryWindow);
    requirePositive("attemptTimeout", attemptTimeout);
    if (!(backoffCoefficient >= 1.0)) {
      throw new IllegalArgumentException(
          "backoffCoefficient must be at least 1.0, was " + backoffCoefficient);
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

  /** 1 s, ×2, at most 10 min apart, for up to 7 days, 60 s per attempt. */
  public static DeleteRetrySettings defaults() {
    return new DeleteRetrySettings(
        Duration.ofSeconds(1),
        2.0,
        Duration.ofMinutes(10),
        Duration.ofDays(7),
        Duration.ofSeconds(60));
  }

  /** The activity options the workflow schedules the delete with. */
  public ActivityOptions toActivityOptions() {
    String[] permanent =
        Arrays.stream(FailureKind.values())
            .filter(kind -> !kind.retryable())
            .map(FailureKind::failureType)
            .distinct()
            .toArray(String[]::new);
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(attemptTimeout)
        .setScheduleToCloseTimeout(retryWindow)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(initialInterval)
                .setBackoffCoefficient(backoffCoefficient)
                .setMaximumInterval(maximumInterval)
                // Belt and braces: these are also raised as non-retryable by the activity.
                .setDoNotRetry(concat(permanent, DeleteSuprSendUserImpl.INVALID_DISTINCT_ID))
                .build())
        .build();
  }

  private static String[] concat(String[] types, String extra) {
    String[] all = Arrays.copyOf(types, types.length + 1);
    all[types.length] = extra;
    return all;
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
    }
  }
}
