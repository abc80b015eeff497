package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.client.FailureKind;
import dev.offboarding.suprsend.deletion.DeleteSuprSendUserImpl;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * A durable retry policy: Temporal retries transient failures with exponential backoff for up to
 * {@code retryWindow}, across worker restarts. Two named defaults: {@link #delete()} (SuprSend's
 * user API, the steps before the pivot and the pivot itself) and {@link #notification()} (webhook
 * and SuprSend trigger). Every figure is configurable in the worker's configuration; a {@code
 * Retry-After} from the other side replaces the backoff for one attempt.
 *
 * @param initialInterval the wait before the second attempt
 * @param backoffCoefficient how much each wait grows (at least 1.0)
 * @param maximumInterval the longest wait between attempts
 * @param retryWindow how long to keep trying in all (Temporal's schedule-to-close)
 * @param attemptTimeout how long one attempt may take (Temporal's start-to-close, longer than the
 *     HTTP client's connect plus read timeouts)
 */
public record RetrySettings(
    Duration initialInterval,
    double backoffCoefficient,
    Duration maximumInterval,
    Duration retryWindow,
    Duration attemptTimeout) {

  public RetrySettings {
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

  /** SuprSend's user API: 1 s, ×2, at most 10 min apart, for up to 7 days, 60 s per attempt. */
  public static RetrySettings delete() {
    return new RetrySettings(
        Duration.ofSeconds(1),
        2.0,
        Duration.ofMinutes(10),
        Duration.ofDays(7),
        Duration.ofSeconds(60));
  }

  /** Notifications: 5 s, ×2, at most 30 min apart, for up to 3 days, 30 s per attempt. */
  public static RetrySettings notification() {
    return new RetrySettings(
        Duration.ofSeconds(5),
        2.0,
        Duration.ofMinutes(30),
        Duration.ofDays(3),
        Duration.ofSeconds(30));
  }

  /** These settings with another retry window; the intervals shrink to fit inside it. */
  public RetrySettings withRetryWindow(Duration window) {
    requirePositive("retryWindow", window);
    Duration max = maximumInterval.compareTo(window) > 0 ? window : maximumInterval;
    Duration initial = initialInterval.compareTo(max) > 0 ? max : initialInterval;
    return new RetrySettings(initial, backoffCoefficient, max, window, attemptTimeout);
  }

  /** The activity options a step is scheduled with; permanent failures are never retried. */
  public ActivityOptions toActivityOptions(String summary) {
    String[] permanent =
        Stream.concat(
                Arrays.stream(FailureKind.values())
                    .filter(kind -> !kind.retryable())
                    .map(FailureKind::failureType),
                Stream.of(DeleteSuprSendUserImpl.INVALID_DISTINCT_ID))
            .distinct()
            .toArray(String[]::new);
    return ActivityOptions.newBuilder()
        .setSummary(summary)
        .setStartToCloseTimeout(attemptTimeout)
        .setScheduleToCloseTimeout(retryWindow)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(initialInterval)
                .setBackoffCoefficient(backoffCoefficient)
                .setMaximumInterval(maximumInterval)
                // Belt and braces: activities also raise these as non-retryable.
                .setDoNotRetry(permanent)
                .build())
        .build();
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
    }
  }
}
