package dev.offboarding.suprsend.workflow;

import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.RETRY;
import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.SKIP;

import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.Outcome;
import dev.offboarding.suprsend.contract.RequestTerms;
import dev.offboarding.suprsend.contract.RunSoFar;
import dev.offboarding.suprsend.deletion.DeleteSuprSendUser;
import dev.offboarding.suprsend.deletion.DeletionResult;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;

/**
 * The saga: validate → [compensatable] suspend → wait (grace period, approval) → [pivot] delete →
 * [retriable] notify → receipt.
 *
 * <ul>
 *   <li>Suspension only happens when the run will wait; without a waiting phase the delete is the
 *       only call to SuprSend's user API ({@link BeforeThePivot}).
 *   <li>A step that fails permanently (or for its whole retry window) parks the run in {@code
 *       NEEDS_ATTENTION} until an operator says {@code retry}, {@code skip} (delete only) or {@code
 *       abort} ({@link Parking}); many retries continue the run as new ({@link Continuation}).
 *   <li>Cancel, reject, abort and Temporal's own cancellation undo the suspension ({@link
 *       Compensations}); nothing is undone once the delete succeeded ({@link AfterTheOutcome}).
 *   <li>Outcomes end the run as completed with a receipt; Temporal's cancellation ends it as
 *       cancelled, after compensating and notifying.
 * </ul>
 */
final class SagaOffboarding {

  private final RunContext ctx;
  private final OffboardingRequest request;
  private final BeforeThePivot before;
  private final Parking parking;
  private final AfterTheOutcome after;

  SagaOffboarding(RunContext ctx, OffboardingRequest request) {
    this.ctx = ctx;
    this.request = request;
    this.parking = new Parking(ctx, new Continuation(ctx, request));
    this.before = new BeforeThePivot(ctx, parking);
    this.after = new AfterTheOutcome(ctx, before);
  }

  // ---- validate ----

  /** Checks the request and notes its facts; the terms (waiting phases, due date). */
  static RequestTerms validate(OffboardingRequest request, RunRecord run) {
    Instant now = RunRecord.now();
    run.startedAt(now);
    RunSoFar soFar = request == null ? null : request.continued();
    if (soFar == null) {
      run.moveTo(OffboardingState.VALIDATING, null);
    }
    RequestChecks.validate(request, Workflow.getInfo(), run);
    RequestTerms terms;
    try {
      terms = RequestTerms.of(request, soFar == null ? now : soFar.startedAt());
    } catch (IllegalArgumentException e) {
      throw RequestChecks.invalid(e.getMessage(), run);
    }
    run.started(
        request.distinctId(),
        request.reason(),
        request.requestedBy(),
        terms.gracePeriod() == null ? null : terms.gracePeriod().toString(),
        terms.requireApproval(),
        terms.dueBy());
    if (soFar != null) {
      run.continues(soFar);
    }
    return terms;
  }

  OffboardingReceipt offboard(RequestTerms terms) {
    RunSoFar soFar = request.continued();
    if (soFar != null) {
      ctx.decisions.approvedEarlier(soFar.approval());
    }
    ctx.deadline.dueBy(ctx.run.dueBy(), soFar == null ? List.of() : soFar.escalated());
    before.registerRestore();
    try {
      RunSoFar.Step resumeAt =
          soFar != null ? soFar.resumeAt() : terms.waits() ? RunSoFar.Step.SUSPEND : null;
      if (resumeAt == RunSoFar.Step.SUSPEND) {
        ctx.deadline.coverUntil(null);
        Outcome calledOff =
            before.suspendAndWait(
                terms,
                soFar != null
                    ? "retry requested by an operator"
                    : "the run will wait, so the user is suspended first");
        if (calledOff != null) {
          return after.finish(calledOff, 0);
        }
      }
      return deleteUntilDecided(
          resumeAt == RunSoFar.Step.DELETE ? "retry requested by an operator" : null);
    } catch (CanceledFailure cancelled) {
      after.endCancelled();
      throw cancelled;
    }
  }

  // ---- the pivot ----

  private OffboardingReceipt deleteUntilDecided(String firstDetail) {
    RunRecord run = ctx.run;
    ctx.decisions.skipAllowed(true);
    ActivityOptions options =
        ActivityOptions.newBuilder(
                ctx.retry.toActivityOptions(
                    "Delete the user from SuprSend (the pivot: never undone)"))
            // A cancel that reaches an attempt in flight waits for its answer: a delete that
            // succeeded is never followed by compensation.
            .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
            .build();
    DeleteSuprSendUser delete = Workflow.newActivityStub(DeleteSuprSendUser.class, options);
    String detail = firstDetail;
    while (true) {
      run.moveTo(OffboardingState.DELETING, detail);
      run.waitFor(
          "SuprSend to answer the delete; Temporal retries transient failures for up to "
              + ctx.retry.retryWindow(),
          null,
          List.of());
      ctx.deadline.coverUntil(RunRecord.now().plus(ctx.facts.retryWindow()));
      try {
        DeletionResult result = delete.delete(ctx.distinctId());
        ctx.compensations.close();
        run.attempts(run.attempts() + result.attempt());
        return after.finish(result.outcome(), result.httpStatus());
      } catch (ActivityFailure failure) {
        Parking.rethrowIfCancelled(failure);
        DeleteFailure failed =
            DeleteFailure.of(
                failure,
                ctx.retry,
                "Once SuprSend answers again: "
                    + OperatorCommands.command(RETRY, ctx.distinctId()));
        run.attempts(run.attempts() + failed.attempts());
        run.failure(failed.type(), failed.httpStatus());
        String decision =
            parking.park(
                "The delete", failed.type() + ": " + failed.message(), RunSoFar.Step.DELETE);
        switch (decision) {
          case RETRY -> detail = "retry requested by an operator";
          case SKIP -> {
            ctx.compensations.close();
            return after.finish(Outcome.SKIPPED_BY_OPERATOR, 0);
          }
          default -> {
            return after.finish(Parking.outcomeOf(decision), 0);
          }
        }
      }
    }
  }
}
