package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.OffboardingEvent;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OperatorAction;
import dev.offboarding.suprsend.contract.Outcome;
import io.temporal.workflow.Workflow;
import java.util.List;
import org.slf4j.Logger;

/**
 * The end of the saga: compensate when the user stays, record the outcome, notify (retried, never
 * compensated), and return the receipt; or, when Temporal cancelled the run, compensate and notify
 * anyway and end as cancelled.
 */
final class AfterTheOutcome {

  private static final Logger log = Workflow.getLogger(AfterTheOutcome.class);

  /** How much of a note an event's detail quotes (the receipt keeps it whole). */
  static final int NOTE_IN_DETAIL = 200;

  private final RunContext ctx;
  private final BeforeThePivot before;

  AfterTheOutcome(RunContext ctx, BeforeThePivot before) {
    this.ctx = ctx;
    this.before = before;
  }

  /** Compensates when the user stays, records the outcome, notifies, and returns the receipt. */
  OffboardingReceipt finish(Outcome outcome, int httpStatus) {
    RunRecord run = ctx.run;
    ctx.deadline.stop();
    Workflow.newDetachedCancellationScope(
            () -> {
              if (outcome.userRemoved()) {
                ctx.compensations.close();
              } else {
                before.compensate();
              }
              run.decided(outcome, httpStatus);
              run.moveTo(OffboardingState.NOTIFYING, outcome.name());
              run.waitFor("the notifications to be delivered", null, List.of());
              ctx.notifier.announce(OffboardingEvent.Types.forOutcome(outcome), describe(outcome));
              ctx.notifier.awaitAll();
              Workflow.await(Workflow::isEveryHandlerFinished);
              run.moveTo(OffboardingState.COMPLETED, outcome.name());
            })
        .run();
    log.info("Offboarding finished: {} after {} delete attempt(s)", outcome, run.attempts());
    return run.receipt();
  }

  /** Temporal cancelled the run: compensate and notify anyway, then end as cancelled. */
  void endCancelled() {
    RunRecord run = ctx.run;
    Workflow.newDetachedCancellationScope(
            () -> {
              ctx.deadline.stop();
              before.compensate();
              run.decided(Outcome.CANCELLED, 0);
              run.moveTo(OffboardingState.NOTIFYING, "cancelled through Temporal");
              ctx.notifier.announce(
                  OffboardingEvent.Types.CANCELLED, "the workflow was cancelled through Temporal");
              ctx.notifier.awaitAll();
              Workflow.await(Workflow::isEveryHandlerFinished);
              run.moveTo(OffboardingState.CANCELLED, "cancelled through Temporal");
            })
        .run();
    log.info("Offboarding cancelled through Temporal; suspension undone");
  }

  private String describe(Outcome outcome) {
    return switch (outcome) {
      case DELETED -> "the user was deleted from SuprSend";
      case ALREADY_ABSENT -> "SuprSend had no such user";
      case SKIPPED_BY_OPERATOR -> "an operator confirmed the user is gone: " + lastNote();
      case CANCELLED -> "cancelled by an operator: " + lastNote();
      case REJECTED -> "rejected by an approver: " + lastNote();
      case ABORTED -> "aborted by an operator: " + lastNote();
    };
  }

  private String lastNote() {
    OperatorAction last = ctx.run.lastOperatorAction();
    if (last == null) {
      return "-";
    }
    String note = last.note();
    if (note != null && note.length() > NOTE_IN_DETAIL) {
      note = note.substring(0, NOTE_IN_DETAIL) + "…";
    }
    return last.operator() + (note == null ? "" : " (\"" + note + "\")");
  }
}
