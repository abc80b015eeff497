package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.NotificationResult.Channel;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import dev.offboarding.suprsend.contract.OperatorAction;
import dev.offboarding.suprsend.contract.OperatorRequest;
import dev.offboarding.suprsend.contract.RequestTerms;
import java.util.List;

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
  private final List<Channel> notifyChannels;
  private final RunRecord run = new RunRecord();
  private final OperatorDecisions decisions = new OperatorDecisions(run);

  /**
   * With the default retry policies and no notification channel (used by replay tests, which take
   * the channels from the recorded history).
   */
  public UserOffboardingImpl() {
    this(RetrySettings.delete(), RetrySettings.notification(), List.of());
  }

  /** With the worker's configured delete retry policy, no notification channel. */
  public UserOffboardingImpl(RetrySettings retry) {
    this(retry, RetrySettings.notification(), List.of());
  }

  /**
   * With the worker's configured retry policies and notification channels ({@link
   * dev.offboarding.suprsend.notification.NotifySettings#configuredChannels()}). Each run records
   * the channels once in its history ({@link WorkerFacts}), so workers configured differently
   * replay it alike.
   */
  public UserOffboardingImpl(
      RetrySettings retry, RetrySettings notifyRetry, List<Channel> notifyChannels) {
    this.retry = retry;
    this.notifyRetry = notifyRetry;
    this.notifyChannels = List.copyOf(notifyChannels);
  }

  @Override
  public OffboardingReceipt offboard(OffboardingRequest request) {
    RequestTerms terms = SagaOffboarding.validate(request, run);
    WorkerFacts facts = WorkerFacts.recorded(new WorkerFacts(notifyChannels, retry.retryWindow()));
    RunContext context = new RunContext(retry, notifyRetry, facts, run, decisions);
    return new SagaOffboarding(context, request).offboard(terms);
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
