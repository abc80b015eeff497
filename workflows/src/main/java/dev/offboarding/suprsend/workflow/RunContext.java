package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.suspension.Suspension;
import io.temporal.workflow.Workflow;

/** What every phase of the saga works with: the run's record and its collaborators. */
final class RunContext {

  final RetrySettings retry;
  final WorkerFacts facts;
  final RunRecord run;
  final OperatorDecisions decisions;
  final Compensations compensations = new Compensations();
  final Notifier notifier;
  final DeadlineWatch deadline;

  RunContext(
      RetrySettings retry,
      RetrySettings notifyRetry,
      WorkerFacts facts,
      RunRecord run,
      OperatorDecisions decisions) {
    this.retry = retry;
    this.facts = facts;
    this.run = run;
    this.decisions = decisions;
    this.notifier = new Notifier(run, notifyRetry, facts.notifyChannels());
    this.deadline = new DeadlineWatch(notifier);
  }

  String distinctId() {
    return run.distinctId();
  }

  Suspension suspension(String summary) {
    return Workflow.newActivityStub(Suspension.class, retry.toActivityOptions(summary));
  }
}
