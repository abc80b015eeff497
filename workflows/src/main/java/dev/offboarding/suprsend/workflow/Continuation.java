package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.RunSoFar;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Keeps each run's history bounded: after {@link #MAX_RETRIES_PER_RUN} operator retries, or when
 * Temporal suggests it, the run continues as a new run of the same workflow id, handing over its
 * {@link RunSoFar} (attempts, suspension, approval, escalations, the bounded audit trail), so the
 * final receipt covers every run.
 */
final class Continuation {

  /** Operator retries one run takes before it continues as new. */
  static final int MAX_RETRIES_PER_RUN = 20;

  private static final Logger log = Workflow.getLogger(Continuation.class);

  private final RunContext ctx;
  private final OffboardingRequest request;
  private final int runsBefore;
  private int retries;

  Continuation(RunContext ctx, OffboardingRequest request) {
    this.ctx = ctx;
    this.request = request;
    this.runsBefore = request.continued() == null ? 0 : request.continued().runs();
  }

  /** Counts one retry; true when the run should continue as new (and nothing is in flight). */
  boolean due() {
    retries++;
    boolean wanted =
        retries >= MAX_RETRIES_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested();
    return wanted && ctx.notifier.idle();
  }

  /** Ends this run and starts the next at {@code resumeAt}; never returns. */
  void continueAt(RunSoFar.Step resumeAt) {
    Workflow.await(Workflow::isEveryHandlerFinished);
    RunSoFar soFar =
        ctx.run.soFar(runsBefore + 1, resumeAt, ctx.decisions.approval(), ctx.deadline.escalated());
    log.info(
        "Continuing as new after {} operator retries (run {}), at {}",
        retries,
        runsBefore + 1,
        resumeAt);
    Workflow.continueAsNew(request.continuedWith(soFar));
  }
}
