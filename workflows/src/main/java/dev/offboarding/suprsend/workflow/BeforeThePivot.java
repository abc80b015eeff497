package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.Compensation;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.Outcome;
import dev.offboarding.suprsend.contract.RequestTerms;
import dev.offboarding.suprsend.suspension.Suspension;
import dev.offboarding.suprsend.suspension.Suspension.Restored;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The compensatable part of the saga: suspend the user (leave their subscriber lists, remembered),
 * then wait (grace period, approval). Cancel, reject, abort and Temporal's own cancellation undo
 * the suspension ({@link Compensations}).
 */
final class BeforeThePivot {

  private static final Logger log = Workflow.getLogger(BeforeThePivot.class);

  private final RunContext ctx;
  private final Parking parking;
  private boolean restoreRegistered;

  BeforeThePivot(RunContext ctx, Parking parking) {
    this.ctx = ctx;
    this.parking = parking;
  }

  // ---- suspend ----

  /**
   * Suspends the user and waits; the outcome when an operator called the run off, else null. {@code
   * detail} says why the run (re)enters suspension.
   */
  Outcome suspendAndWait(RequestTerms terms, String detail) {
    RunRecord run = ctx.run;
    String id = ctx.distinctId();
    run.moveTo(OffboardingState.SUSPENDING, detail);
    showSuspending(ctx);
    registerRestore();
    Suspension suspension = ctx.suspension("Suspend: read the user's subscriber lists");
    Parking.Step<List<String>> lists =
        parking.attempt("Reading the user's subscriber lists", () -> suspension.listsOf(id));
    if (lists.endedBy() != null) {
      return Parking.outcomeOf(lists.endedBy());
    }
    List<String> listIds = lists.value();
    // A continued run may have removed the user from some lists already: restore them all.
    List<String> all = new ArrayList<>(run.suspendedFromLists());
    listIds.stream().filter(l -> !all.contains(l)).forEach(all::add);
    run.suspendedFrom(all);
    if (!listIds.isEmpty()) {
      // Registered before the step: a removal that timed out may still have happened.
      registerRestore();
      Suspension remover =
          ctx.suspension("Suspend: remove the user from " + listIds.size() + " subscriber list(s)");
      Parking.Step<Integer> removed =
          parking.attempt(
              "Removing the user from their subscriber lists",
              () -> remover.removeFromLists(id, listIds));
      if (removed.endedBy() != null) {
        return Parking.outcomeOf(removed.endedBy());
      }
    }
    String early = ctx.decisions.take();
    if (early != null) {
      return Parking.outcomeOf(early);
    }
    return waitPhases(terms);
  }

  static void showSuspending(RunContext ctx) {
    ctx.run.waitFor(
        "SuprSend: taking the user out of their subscriber lists", null, ctx.decisions.allowed());
  }

  /** Once the user may be out of a list: compensation puts them back into every one. */
  void registerRestore() {
    if (!restoreRegistered && !ctx.run.suspendedFromLists().isEmpty()) {
      restoreRegistered = true;
      ctx.compensations.register(() -> restore(ctx.run.suspendedFromLists()));
    }
  }

  // ---- wait ----

  private Outcome waitPhases(RequestTerms terms) {
    RunRecord run = ctx.run;
    OperatorDecisions decisions = ctx.decisions;
    if (terms.gracePeriod() != null) {
      Instant until = RunRecord.now().plus(terms.gracePeriod());
      run.moveTo(OffboardingState.GRACE_PERIOD, "until " + until);
      run.waitFor(
          "the grace period ("
              + terms.gracePeriod()
              + ") to end; the delete follows"
              + (terms.requireApproval() ? " once approved" : ""),
          until,
          decisions.allowed());
      waitOrDecision(terms, until);
      String decision = decisions.take();
      if (decision != null) {
        return Parking.outcomeOf(decision);
      }
    }
    if (terms.requireApproval() && !decisions.approved()) {
      run.moveTo(OffboardingState.AWAITING_APPROVAL, null);
      run.waitFor("an approver to approve or reject the deletion", null, decisions.allowed());
      Workflow.await(() -> decisions.approved() || decisions.hasPending());
      String decision = decisions.take();
      if (decision != null) {
        return Parking.outcomeOf(decision);
      }
    }
    return null;
  }

  /** The grace period's timer, cut short by an operator's decision. */
  private void waitOrDecision(RequestTerms terms, Instant until) {
    CancellationScope timerScope =
        Workflow.newCancellationScope(
            () -> {
              Promise<Void> timer =
                  Workflow.newTimer(
                      terms.gracePeriod(),
                      TimerOptions.newBuilder().setSummary("Grace period until " + until).build());
              Workflow.await(() -> timer.isCompleted() || ctx.decisions.hasPending());
            });
    timerScope.run();
    if (ctx.decisions.hasPending()) {
      timerScope.cancel("an operator decided");
    }
  }

  // ---- compensate ----

  private void restore(List<String> listIds) {
    Suspension suspension =
        ctx.suspension(
            "Compensate: put the user back into " + listIds.size() + " subscriber list(s)");
    try {
      Restored restored = suspension.restoreToLists(ctx.distinctId(), listIds);
      ctx.run.compensated(
          new Compensation(restored.restored(), restored.notRestored(), null, RunRecord.now()));
    } catch (ActivityFailure failure) {
      String why = FailureText.of(failure);
      log.error("Compensation failed: the user may still be out of their lists: {}", why);
      ctx.run.compensated(new Compensation(List.of(), List.of(), why, RunRecord.now()));
    }
  }

  /** Undoes the suspension, when there is one to undo. */
  void compensate() {
    if (!ctx.compensations.pending()) {
      return;
    }
    ctx.run.moveTo(
        OffboardingState.COMPENSATING,
        "putting the user back into " + ctx.run.suspendedFromLists().size() + " list(s)");
    ctx.run.waitFor("SuprSend: putting the user back into their subscriber lists", null, List.of());
    ctx.compensations.compensate();
  }
}
