package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.OffboardingEvent;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Escalates a run that is still open near or past its due date: one {@code offboarding.due_soon}
 * notification {@link #DUE_SOON_LEAD} before {@code dueBy} (skipped when the run started closer to
 * it than that), and one {@code offboarding.overdue} at {@code dueBy}. Each threshold is a durable
 * timer that fires once; {@link #stop()} cancels them when the outcome is decided.
 *
 * <p>The timers start only when a threshold can come before the run moves on ({@link #coverUntil}):
 * a run that deletes at once, well before its due date, writes no timer at all. Escalations sent
 * survive continue-as-new ({@link #escalated()}).
 */
final class DeadlineWatch {

  /** How long before the due date the first escalation goes out. */
  static final Duration DUE_SOON_LEAD = Duration.ofDays(3);

  private static final String DUE_SOON = "due_soon";
  private static final String OVERDUE = "overdue";

  private final Notifier notifier;
  private final List<String> escalated = new ArrayList<>();
  private Instant dueBy;
  private CancellationScope scope;
  private boolean stopped;

  DeadlineWatch(Notifier notifier) {
    this.notifier = notifier;
  }

  /** The due date, and the escalations an earlier run of this offboarding already sent. */
  void dueBy(Instant dueBy, List<String> alreadySent) {
    this.dueBy = dueBy;
    escalated.addAll(alreadySent);
  }

  /**
   * The run is about to do something that lasts until {@code end} at most (null: no bound, an
   * operator or a grace period decides): starts the timers if a threshold can come first.
   */
  void coverUntil(Instant end) {
    if (scope != null || stopped || dueBy == null) {
      return;
    }
    Instant next = nextThreshold();
    if (next == null || (end != null && next.isAfter(end))) {
      return;
    }
    scope = Workflow.newCancellationScope(() -> Async.procedure(this::watch));
    scope.run();
  }

  void stop() {
    stopped = true;
    if (scope != null) {
      scope.cancel("the outcome is decided");
    }
  }

  /** The escalations sent so far. */
  List<String> escalated() {
    return List.copyOf(escalated);
  }

  private Instant nextThreshold() {
    if (escalated.contains(OVERDUE)) {
      return null;
    }
    Instant soon = dueBy.minus(DUE_SOON_LEAD);
    return !escalated.contains(DUE_SOON) && soon.isAfter(RunRecord.now()) ? soon : dueBy;
  }

  private void watch() {
    Instant soon = dueBy.minus(DUE_SOON_LEAD);
    if (!escalated.contains(DUE_SOON) && soon.isAfter(RunRecord.now())) {
      sleepUntil(
          soon,
          "Escalate if still open "
              + DUE_SOON_LEAD.toDays()
              + " days before it is due ("
              + dueBy
              + ")");
      escalated.add(DUE_SOON);
      notifier.announce(
          OffboardingEvent.Types.DUE_SOON,
          "still open " + DUE_SOON_LEAD.toDays() + " days before it is due (" + dueBy + ")");
    }
    if (escalated.contains(OVERDUE)) {
      return;
    }
    if (dueBy.isAfter(RunRecord.now())) {
      sleepUntil(dueBy, "Escalate if still open when it is due (" + dueBy + ")");
    }
    escalated.add(OVERDUE);
    notifier.announce(OffboardingEvent.Types.OVERDUE, "still open at its due date (" + dueBy + ")");
  }

  private static void sleepUntil(Instant at, String summary) {
    Duration wait = Duration.between(RunRecord.now(), at);
    Workflow.newTimer(wait, TimerOptions.newBuilder().setSummary(summary).build()).get();
  }
}
