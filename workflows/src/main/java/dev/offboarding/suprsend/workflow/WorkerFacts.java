package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.NotificationResult.Channel;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * What the worker that runs a run is configured with and that decides which commands the run
 * writes: the notification channels (no notification activity without one) and the delete's retry
 * window (whether a deadline can pass during it). Workers may differ, so each run records these
 * once, as a side effect in its history, and every later replay uses the recorded values.
 *
 * @param notifyChannels the configured notification channels
 * @param retryWindow how long one step (a delete, a suspension call) may keep retrying
 */
record WorkerFacts(List<Channel> notifyChannels, Duration retryWindow) {

  WorkerFacts {
    notifyChannels = notifyChannels == null ? List.of() : List.copyOf(notifyChannels);
  }

  /** {@code here}'s values on the first execution, the recorded ones on replay. */
  static WorkerFacts recorded(WorkerFacts here) {
    return Workflow.sideEffect(WorkerFacts.class, () -> here);
  }
}
