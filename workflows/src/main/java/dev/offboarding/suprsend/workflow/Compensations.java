package dev.offboarding.suprsend.workflow;

import io.temporal.workflow.Functions;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;

/**
 * The undo log of the steps before the pivot, on Temporal's {@link Saga}: each compensation is
 * registered <em>before</em> its step runs (a step that timed out may still have happened), and
 * they run in reverse order inside a detached cancellation scope, so a cancelled workflow still
 * compensates. Once the delete has succeeded the log is closed: nothing is ever undone after the
 * pivot.
 */
final class Compensations {

  private final Saga saga =
      new Saga(
          new Saga.Options.Builder()
              .setParallelCompensation(false)
              .setContinueWithError(true)
              .build());
  private int registered;
  private boolean closed;
  private boolean compensated;

  /** Registers the undo of the step about to run. */
  void register(Functions.Proc compensation) {
    if (closed) {
      throw new IllegalStateException("compensation registered after the pivot");
    }
    saga.addCompensation(compensation);
    registered++;
  }

  /** The pivot succeeded: from now on nothing is compensated. */
  void close() {
    closed = true;
  }

  /** True when there is something to undo. */
  boolean pending() {
    return registered > 0 && !closed && !compensated;
  }

  /** Runs every registered compensation in reverse order, once, even if the run is cancelled. */
  void compensate() {
    if (!pending()) {
      return;
    }
    compensated = true;
    Workflow.newDetachedCancellationScope(saga::compensate).run();
  }
}
