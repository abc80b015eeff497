package dev.offboarding.suprsend.workflow;

import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.ABORT;
import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.CANCEL;
import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.REJECT;
import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.RETRY;
import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.SKIP;

import dev.offboarding.suprsend.contract.Compensation;
import dev.offboarding.suprsend.contract.OffboardingEvent;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.Outcome;
import dev.offboarding.suprsend.contract.RequestTerms;
import dev.offboarding.suprsend.deletion.DeleteSuprSendUser;
import dev.offboarding.suprsend.deletion.DeletionResult;
import dev.offboarding.suprsend.suspension.Suspension;
import dev.offboarding.suprsend.suspension.Suspension.Restored;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;

/**
 * The saga: validate → [compensatable] suspend → wait (grace period, approval) → [pivot] delete →
 * [retriable] notify → receipt.
 *
 * <ul>
 *   <li>Suspension only happens when the run will wait; without a waiting phase the delete is the
 *       only call to SuprSend's user API.
 *   <li>A step that fails permanently (or for its whole retry window) parks the run in {@code
 *       NEEDS_ATTENTION} until an operator says {@code retry}, {@code skip} (delete only) or {@code
 *       abort}.
 *   <li>Cancel, reject, abort and Temporal's own cancellation undo the suspension ({@link
 *       Compensations}); nothing is undone once the delete succeeded.
 *   <li>Outcomes end the run as completed with a receipt; Temporal's cancellation ends it as
 *       cancelled, after compensating and notifying.
 * </ul>
 */
final class SagaOffboarding {

  private static final Logger log = Workflow.getLogger(SagaOffboarding.class);

  private final RetrySettings retry;
  private final RunRecord run;
  private final OperatorDecisions decisions;
  private final Compensations compensations = new Compensations();
  private final Notifier notifier;
  private final DeadlineWatch deadline;
  private String distinctId;
  private int attemptsBefore;

  SagaOffboarding(
      RetrySettings retry,
      RetrySettings notifyRetry,
      RunRecord run,
      OperatorDecisions decisions) {
    this.retry = retry;
    this.run = run;
    this.decisions = decisions;
    this.notifier = new Notifier(run, notifyRetry);
    this.deadline = new DeadlineWatch(run, notifier);
  }

  OffboardingReceipt offboard(OffboardingRequest request) {
    Instant startedAt = RunRecord.now();
    run.startedAt(startedAt);
    run.moveTo(OffboardingState.VALIDATING, null);
    RequestChecks.validate(request, Workflow.getInfo(), run);
    RequestTerms terms;
    try {
      terms = RequestTerms.of(request, startedAt);
    } catch (IllegalArgumentException e) {
      throw RequestChecks.invalid(e.getMessage(), run);
    }
    distinctId = request.distinctId();
    run.started(
        distinctId,
        request.reason(),
        request.requestedBy(),
        terms.gracePeriod() == null ? null : terms.gracePeriod().toString(),
        terms.requireApproval(),
        terms.dueBy());
    deadline.start(terms.dueBy());
    try {
      if (terms.waits()) {
        Outcome calledOff = suspendAndWait(terms);
        if (calledOff != null) {
          return finish(calledOff, 0);
        }
      }
      return deleteUntilDecided();
    } catch (CanceledFailure cancelled) {
      endCancelled();
      throw cancelled;
    }
  }

  // ---- before the pivot ----

  /** Suspends the user and waits; the outcome when an operator called the run off, else null. */
  private Outcome suspendAndWait(RequestTerms terms) {
    run.moveTo(OffboardingState.SUSPENDING, "the run will wait, so the user is suspended first");
    showSuspending();
    Suspension suspension = suspensionStub("Suspend: read the user's subscriber lists");
    Step<List<String>> lists =
        attempt("Reading the user's subscriber lists", () -> suspension.listsOf(distinctId));
    if (lists.endedBy() != null) {
      return outcomeOf(lists.endedBy());
    }
    List<String> listIds = lists.value();
    run.suspendedFrom(listIds);
    if (!listIds.isEmpty()) {
      // Registered before the step: a removal that timed out may still have happened.
      compensations.register(() -> restore(listIds));
      Suspension remover =
          suspensionStub("Suspend: remove the user from " + listIds.size() + " subscriber list(s)");
      Step<Integer> removed =
          attempt(
              "Removing the user from their subscriber lists",
              () -> remover.removeFromLists(distinctId, listIds));
      if (removed.endedBy() != null) {
        return outcomeOf(removed.endedBy());
      }
    }
    String early = decisions.take();
    if (early != null) {
      return outcomeOf(early);
    }
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
        return outcomeOf(decision);
      }
    }
    if (terms.requireApproval() && !decisions.approved()) {
      run.moveTo(OffboardingState.AWAITING_APPROVAL, null);
      run.waitFor("an approver to approve or reject the deletion", null, decisions.allowed());
      Workflow.await(() -> decisions.approved() || decisions.hasPending());
      String decision = decisions.take();
      if (decision != null) {
        return outcomeOf(decision);
      }
    }
    return null;
  }

  private void showSuspending() {
    run.waitFor(
        "SuprSend: taking the user out of their subscriber lists", null, decisions.allowed());
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
              Workflow.await(() -> timer.isCompleted() || decisions.hasPending());
            });
    timerScope.run();
    if (decisions.hasPending()) {
      timerScope.cancel("an operator decided");
    }
  }

  private void restore(List<String> listIds) {
    Suspension suspension =
        suspensionStub(
            "Compensate: put the user back into " + listIds.size() + " subscriber list(s)");
    try {
      Restored restored = suspension.restoreToLists(distinctId, listIds);
      run.compensated(
          new Compensation(restored.restored(), restored.notRestored(), null, RunRecord.now()));
    } catch (ActivityFailure failure) {
      String why = FailureText.of(failure);
      log.error("Compensation failed: the user may still be out of their lists: {}", why);
      run.compensated(new Compensation(List.of(), List.of(), why, RunRecord.now()));
    }
  }

  private void compensate() {
    if (!compensations.pending()) {
      return;
    }
    run.moveTo(
        OffboardingState.COMPENSATING,
        "putting the user back into " + run.suspendedFromLists().size() + " list(s)");
    run.waitFor("SuprSend: putting the user back into their subscriber lists", null, List.of());
    compensations.compensate();
  }

  // ---- the pivot ----

  private OffboardingReceipt deleteUntilDecided() {
    decisions.skipAllowed(true);
    ActivityOptions options =
        ActivityOptions.newBuilder(
                retry.toActivityOptions("Delete the user from SuprSend (the pivot: never undone)"))
            // A cancel that reaches an attempt in flight waits for its answer: a delete that
            // succeeded is never followed by compensation.
            .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
            .build();
    DeleteSuprSendUser delete = Workflow.newActivityStub(DeleteSuprSendUser.class, options);
    String detail = null;
    while (true) {
      run.moveTo(OffboardingState.DELETING, detail);
      run.waitFor(
          "SuprSend to answer the delete; Temporal retries transient failures for up to "
              + retry.retryWindow(),
          null,
          List.of());
      try {
        DeletionResult result = delete.delete(distinctId);
        compensations.close();
        run.attempts(attemptsBefore + result.attempt());
        return finish(result.outcome(), result.httpStatus());
      } catch (ActivityFailure failure) {
        rethrowIfCancelled(failure);
        DeleteFailure failed =
            DeleteFailure.of(
                failure,
                retry,
                "Once SuprSend answers again: " + OperatorCommands.command(RETRY, distinctId));
        attemptsBefore += failed.attempts();
        run.attempts(attemptsBefore);
        run.failure(failed.type(), failed.httpStatus());
        String decision = park("The delete", failed.type() + ": " + failed.message());
        switch (decision) {
          case RETRY -> detail = "retry requested by an operator";
          case SKIP -> {
            compensations.close();
            return finish(Outcome.SKIPPED_BY_OPERATOR, 0);
          }
          default -> {
            return finish(outcomeOf(decision), 0);
          }
        }
      }
    }
  }

  // ---- operator decisions ----

  /** The result of a step, or the operator decision that ended the run instead. */
  private record Step<T>(T value, String endedBy) {}

  /** Runs a step before the pivot; a failure parks the run until an operator decides. */
  private <T> Step<T> attempt(String what, Functions.Func<T> step) {
    decisions.skipAllowed(false);
    while (true) {
      try {
        return new Step<>(step.apply(), null);
      } catch (ActivityFailure failure) {
        rethrowIfCancelled(failure);
        run.failure(FailureText.type(failure), 0);
        String decision = park(what, FailureText.of(failure));
        if (!decision.equals(RETRY)) {
          return new Step<>(null, decision);
        }
        run.moveTo(OffboardingState.SUSPENDING, "retry requested by an operator");
        showSuspending();
      }
    }
  }

  /** NEEDS_ATTENTION: says why, notifies, and waits for a decision, which it returns. */
  private String park(String what, String reason) {
    String already = decisions.take();
    if (already != null) {
      return already;
    }
    run.lastError(reason);
    run.moveTo(OffboardingState.NEEDS_ATTENTION, reason);
    run.waitFor(
        "an operator. " + what + " failed and retrying on its own will not help: " + reason,
        null,
        decisions.allowed());
    log.warn("Needs attention: {} failed: {}", what, reason);
    notifier.announce(OffboardingEvent.Types.NEEDS_ATTENTION, what + " failed: " + reason);
    Workflow.await(decisions::hasPending);
    return decisions.take();
  }

  private static Outcome outcomeOf(String decision) {
    return switch (decision) {
      case CANCEL -> Outcome.CANCELLED;
      case REJECT -> Outcome.REJECTED;
      case ABORT -> Outcome.ABORTED;
      case SKIP -> Outcome.SKIPPED_BY_OPERATOR;
      default -> throw new IllegalStateException("no outcome for the decision " + decision);
    };
  }

  private static void rethrowIfCancelled(ActivityFailure failure) {
    if (failure.getCause() instanceof CanceledFailure cancelled) {
      throw cancelled;
    }
  }

  // ---- after the outcome ----

  /** Compensates when the user stays, records the outcome, notifies, and returns the receipt. */
  private OffboardingReceipt finish(Outcome outcome, int httpStatus) {
    deadline.stop();
    Workflow.newDetachedCancellationScope(
            () -> {
              if (outcome.userRemoved()) {
                compensations.close();
              } else {
                compensate();
              }
              run.decided(outcome, httpStatus);
              run.moveTo(OffboardingState.NOTIFYING, outcome.name());
              run.waitFor("the notifications to be delivered", null, List.of());
              notifier.announce(OffboardingEvent.Types.forOutcome(outcome), describe(outcome));
              notifier.awaitAll();
              Workflow.await(Workflow::isEveryHandlerFinished);
              run.moveTo(OffboardingState.COMPLETED, outcome.name());
            })
        .run();
    log.info("Offboarding finished: {} after {} delete attempt(s)", outcome, run.attempts());
    return run.receipt();
  }

  /** Temporal cancelled the run: compensate and notify anyway, then end as cancelled. */
  private void endCancelled() {
    Workflow.newDetachedCancellationScope(
            () -> {
              deadline.stop();
              compensate();
              run.decided(Outcome.CANCELLED, 0);
              run.moveTo(OffboardingState.NOTIFYING, "cancelled through Temporal");
              notifier.announce(
                  OffboardingEvent.Types.CANCELLED, "the workflow was cancelled through Temporal");
              notifier.awaitAll();
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
    var actions = run.operatorActions();
    if (actions.isEmpty()) {
      return "-";
    }
    var last = actions.get(actions.size() - 1);
    return last.operator() + (last.note() == null ? "" : " (\"" + last.note() + "\")");
  }

  private Suspension suspensionStub(String summary) {
    return Workflow.newActivityStub(Suspension.class, retry.toActivityOptions(summary));
  }
}
