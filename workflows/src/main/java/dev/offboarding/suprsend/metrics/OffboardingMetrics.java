package dev.offboarding.suprsend.metrics;

import com.uber.m3.tally.Scope;
import java.util.Map;

/**
 * The project's own metrics, recorded through Temporal's metrics scope so that they travel the same
 * way as the SDK's (to Prometheus via Micrometer in the worker) and carry the same tags (namespace,
 * task queue, workflow or activity type).
 *
 * <p>Pass {@code Workflow.getMetricsScope()} from workflow code (it is replay-aware: nothing is
 * counted twice when a run is replayed) or {@code Activity.getExecutionContext().getMetricsScope()}
 * from an activity. Every counter keeps the same tag keys on every call, as Prometheus requires.
 *
 * <p>Recorded today by the worker's interceptors ({@code RunMetricsInterceptor}): finished runs by
 * outcome, states entered (from {@code OffboardingState} search attribute upserts, so entering
 * {@code NEEDS_ATTENTION} is counted without extra code), and activity retries. {@link
 * #notification} is the hook for the notification step: call it once per notification with its
 * result.
 */
public final class OffboardingMetrics {

  /** Runs that ended, tagged {@code outcome} and {@code failure_type}. */
  public static final String RUNS_FINISHED = "offboarding_runs_finished";

  /** Runs that entered a state, tagged {@code state} (e.g. {@code NEEDS_ATTENTION}). */
  public static final String STATE_ENTERED = "offboarding_state_entered";

  /** Activity attempts after the first (attempt &gt; 1); the scope tags the activity type. */
  public static final String ACTIVITY_RETRIES = "offboarding_activity_retries";

  /** Notifications sent, tagged {@code channel} (webhook, suprsend) and {@code result}. */
  public static final String NOTIFICATIONS = "offboarding_notifications";

  /** The tag value when a tag does not apply (a completed run has no failure type). */
  public static final String NONE = "none";

  private OffboardingMetrics() {}

  /**
   * A run ended.
   *
   * @param outcome the receipt's outcome, or {@code FAILED} / {@code CANCELLED}
   * @param failureType the failure type when it failed, else {@link #NONE}
   */
  public static void runFinished(Scope scope, String outcome, String failureType) {
    scope
        .tagged(Map.of("outcome", orNone(outcome), "failure_type", orNone(failureType)))
        .counter(RUNS_FINISHED)
        .inc(1);
  }

  /** A run entered {@code state}. */
  public static void stateEntered(Scope scope, String state) {
    scope.tagged(Map.of("state", orNone(state))).counter(STATE_ENTERED).inc(1);
  }

  /** An activity attempt after the first started. */
  public static void activityRetried(Scope scope) {
    scope.counter(ACTIVITY_RETRIES).inc(1);
  }

  /**
   * A notification was sent, or gave up.
   *
   * @param channel {@code webhook} or {@code suprsend}
   * @param result {@code sent}, {@code failed}, {@code skipped}, ...
   */
  public static void notification(Scope scope, String channel, String result) {
    scope
        .tagged(Map.of("channel", orNone(channel), "result", orNone(result)))
        .counter(NOTIFICATIONS)
        .inc(1);
  }

  private static String orNone(String value) {
    return value == null || value.isBlank() ? NONE : value;
  }
}
