package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import dev.offboarding.suprsend.contract.OperatorAction;
import dev.offboarding.suprsend.contract.OperatorRequest;

/**
 * Runs the saga ({@link SagaOffboarding}) and answers queries and updates from its {@link
 * RunRecord}.
 *
 * <p>Deterministic: every decision depends only on the input, activity results, timers and updates
 * recorded in history.
 */
public class UserOffboardingImpl implements UserOffboarding {

  private final RetrySettings retry;
  private final RetrySettings notifyRetry;
  private final RunRecord run = new RunRecord();
  private final OperatorDecisions decisions = new OperatorDecisions(run);

  /** With the default retry policies (used by replay tests and plain registrations). */
  public UserOffboardingImpl() {
    this(RetrySettings.delete());
  }

  /** With the worker's configured delete retry policy and default notification retries. */
  public UserOffboardingImpl(RetrySettings retry) {
    this(retry, RetrySettings.notification());
  }

  /** With the worker's configured retry policies. */
  public UserOffboardingImpl(RetrySettings retry, RetrySettings notifyRetry) {
    this.retry = retry;
    this.notifyRetry = notifyRetry;
  }

  @Override
  public OffboardingReceipt offboard(OffboardingRequest request) {
    return new SagaOffboarding(retry, notifyRetry, run, decisions).offboard(request);
  }

  @Override
  public OffboardingStatus status() {
    return run.status();
  }

  @Override
  public OperatorAction approve(OperatorRequest request) {
    return decisions.accept(Updates.APPROVE, request);
  }

  @Override
  public void validateApprove(OperatorRequest request) {
    decisions.refuse(Updates.APPROVE, request);
  }

  @Override
  public OperatorAction reject(OperatorRequest request) {
    return decisions.accept(Updates.REJECT, request);
  }

  @Override
  public void validateReject(OperatorRequest request) {
    decisions.refuse(Updates.REJECT, request);
  }

  @Override
  public OperatorAction cancel(OperatorRequest request) {
    return decisions.accept(Updates.CANCEL, request);
  }

  @Override
  public void validateCancel(OperatorRequest request) {
    decisions.refuse(Updates.CANCEL, request);
  }

  @Override
  public OperatorAction retry(OperatorRequest request) {
    return decisions.accept(Updates.RETRY, request);
  }

  @Override
  public void validateRetry(OperatorRequest request) {
    decisions.refuse(Updates.RETRY, request);
  }

  @Override
  public OperatorAction skip(OperatorRequest request) {
    return decisions.accept(Updates.SKIP, request);
  }

  @Override
  public void validateSkip(OperatorRequest request) {
    decisions.refuse(Updates.SKIP, request);
  }

  @Override
  public OperatorAction abort(OperatorRequest request) {
    return decisions.accept(Updates.ABORT, request);
  }

  @Override
  public void validateAbort(OperatorRequest request) {
    decisions.refuse(Updates.ABORT, request);
  }
}
