package dev.offboarding.suprsend.workflow;

import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.ABORT;
import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.CANCEL;
import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.REJECT;
import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.RETRY;
import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.SKIP;

import dev.offboarding.suprsend.contract.OffboardingEvent;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.Outcome;
import dev.offboarding.suprsend.contract.RunSoFar;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * {@code NEEDS_ATTENTION}: a step that failed for good parks the run, says why, notifies, and waits
 * for an operator's decision. Each park-and-retry cycle adds to the history, so after {@link
 * Continuation#due()} a retry continues the run as new instead.
 */
final class Parking {

  private static final Logger log = Workflow.getLogger(Parking.class);

  private final RunContext ctx;
  private final Continuation continuation;

  Parking(RunContext ctx, Continuation continuation) {
    this.ctx = ctx;
    this.continuation = continuation;
  }

  /** The result of a step, or the operator decision that ended the run instead. */
  record Step<T>(T value, String endedBy) {}

  /** Runs a step before the pivot; a failure parks the run until an operator decides. */
  <T> Step<T> attempt(String what, Functions.Func<T> step) {
    ctx.decisions.skipAllowed(false);
    while (true) {
      try {
        return new Step<>(step.apply(), null);
      } catch (ActivityFailure failure) {
        rethrowIfCancelled(failure);
        ctx.run.failure(FailureText.type(failure), 0);
        String decision = park(what, FailureText.of(failure), RunSoFar.Step.SUSPEND);
        if (!decision.equals(RETRY)) {
          return new Step<>(null, decision);
        }
        ctx.run.moveTo(OffboardingState.SUSPENDING, "retry requested by an operator");
        BeforeThePivot.showSuspending(ctx);
      }
    }
  }

  /**
   * Parks the run and returns the operator's decision. A retry past the cycle limit continues the
   * run as new at {@code resumeAt} instead of returning.
   */
  String park(String what, String reason, RunSoFar.Step resumeAt) {
    String already = ctx.decisions.take();
    if (already != null) {
      return already;
    }
    ctx.run.lastError(reason);
    ctx.run.moveTo(OffboardingState.NEEDS_ATTENTION, reason);
    ctx.run.waitFor(
        "an operator. " + what + " failed and retrying on its own will not help: " + reason,
        null,
        ctx.decisions.allowed());
    log.warn("Needs attention: {} failed: {}", what, reason);
    ctx.deadline.coverUntil(null);
    ctx.notifier.announce(OffboardingEvent.Types.NEEDS_ATTENTION, what + " failed: " + reason);
    Workflow.await(ctx.decisions::hasPending);
    if (RETRY.equals(ctx.decisions.pending()) && continuation.due()) {
      // The retry stays pending (no other action is accepted) until the new run takes over.
      continuation.continueAt(resumeAt);
    }
    return ctx.decisions.take();
  }

  static Outcome outcomeOf(String decision) {
    return switch (decision) {
      case CANCEL -> Outcome.CANCELLED;
      case REJECT -> Outcome.REJECTED;
      case ABORT -> Outcome.ABORTED;
      case SKIP -> Outcome.SKIPPED_BY_OPERATOR;
      default -> throw new IllegalStateException("no outcome for the decision " + decision);
    };
  }

  static void rethrowIfCancelled(ActivityFailure failure) {
    if (failure.getCause() instanceof CanceledFailure cancelled) {
      throw cancelled;
    }
  }
}
