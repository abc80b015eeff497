package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.OffboardingEvent;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * Escalates a run that is still open near or past its due date: one {@code offboarding.due_soon}
 * notification {@link #DUE_SOON_LEAD} before {@code dueBy} (skipped when the run started closer to
 * it than that), and one {@code offboarding.overdue} at {@code dueBy}. Each threshold is a durable
 * timer that fires once; {@link #stop()} cancels them when the outcome is decided.
 */
final class DeadlineWatch {

  /** How long before the due date the first escalation goes out. */
  static final Duration DUE_SOON_LEAD = Duration.ofDays(3);

  private final RunRecord run;
  private final Notifier notifier;
  private CancellationScope scope;

  DeadlineWatch(RunRecord run, Notifier notifier) {
    this.run = run;
    this.notifier = notifier;
  }

  void start(Instant dueBy) {
    scope = Workflow.newCancellationScope(() -> Async.procedure(() -> watch(dueBy)));
    scope.run();
  }

  void stop() {
    if (scope != null) {
      scope.cancel("the outcome is decided");
    }
  }

  private void watch(Instant dueBy) {
    Instant soon = dueBy.minus(DUE_SOON_LEAD);
    if (soon.isAfter(RunRecord.now())) {
      sleepUntil(
          soon,
          "Escalate if still open: due by " + dueBy + " (in " + DUE_SOON_LEAD.toDays() + " days)");
      notifier.announce(
          OffboardingEvent.Types.DUE_SOON,
          "still open " + DUE_SOON_LEAD.toDays() + " days before it is due (" + dueBy + ")");
    }
    if (dueBy.isAfter(RunRecord.now())) {
      sleepUntil(dueBy, "Escalate if still open: due by " + dueBy);
    }
    notifier.announce(OffboardingEvent.Types.OVERDUE, "still open at its due date (" + dueBy + ")");
  }

  private static void sleepUntil(Instant at, String summary) {
    Duration wait = Duration.between(RunRecord.now(), at);
    Workflow.newTimer(wait, TimerOptions.newBuilder().setSummary(summary).build()).get();
  }
}
