package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.Compensation;
import dev.offboarding.suprsend.contract.NotificationResult;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import dev.offboarding.suprsend.contract.OmittedEntries;
import dev.offboarding.suprsend.contract.OperatorAction;
import dev.offboarding.suprsend.contract.Outcome;
import dev.offboarding.suprsend.contract.ReceiptDigest;
import dev.offboarding.suprsend.contract.RunSoFar;
import dev.offboarding.suprsend.contract.StateChange;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;

/**
 * Everything a run knows about itself: its state and timeline, the facts of the request, operator
 * actions, suspension, compensation and notification results. The {@code status} query, the
 * receipt, the notifications and the Temporal UI ({@link RunDisplay}) all read from here, so they
 * never disagree.
 *
 * <p>Every list is bounded ({@link BoundedLog}: the first and the last entries, with a count of
 * those left out), and {@link #soFar} hands the record to the run this one continues as, so the
 * history stays bounded however long a run lives and the final receipt still covers all of it.
 */
final class RunRecord {

  static final int KEEP_FIRST = 10;
  static final int KEEP_LAST_STATES = 40;
  static final int KEEP_LAST_ACTIONS = 20;
  static final int KEEP_LAST_NOTIFICATIONS = 20;

  private final RunDisplay display = new RunDisplay();

  private OffboardingState state = OffboardingState.VALIDATING;
  private Instant updatedAt;
  private int attempts;
  private int httpStatus;
  private String lastError;
  private String failureType;
  private int failureHttpStatus;
  private Outcome outcome;
  private Instant completedAt;
  private String waitingFor;
  private List<String> allowedActions = List.of();
  private Instant waitUntil;

  private String distinctId;
  private String reason;
  private String requestedBy;
  private String gracePeriod;
  private boolean approvalRequired;
  private Instant startedAt;
  private Instant dueBy;

  private List<String> suspendedFromLists = List.of();
  private Compensation compensation;
  private final BoundedLog<StateChange> timeline = new BoundedLog<>(KEEP_FIRST, KEEP_LAST_STATES);
  private final BoundedLog<OperatorAction> operatorActions =
      new BoundedLog<>(KEEP_FIRST, KEEP_LAST_ACTIONS);
  private final BoundedLog<NotificationResult> notifications =
      new BoundedLog<>(KEEP_FIRST, KEEP_LAST_NOTIFICATIONS);

  /** Notes the request's facts. */
  void started(
      String distinctId,
      String reason,
      String requestedBy,
      String gracePeriod,
      boolean approvalRequired,
      Instant dueBy) {
    this.distinctId = distinctId;
    this.reason = reason;
    this.requestedBy = requestedBy;
    this.gracePeriod = gracePeriod;
    this.approvalRequired = approvalRequired;
    this.dueBy = dueBy;
  }

  void startedAt(Instant at) {
    this.startedAt = at;
    this.updatedAt = at;
  }

  /** Takes over the record of the run this one continues. */
  void continues(RunSoFar soFar) {
    startedAt = soFar.startedAt();
    dueBy = soFar.dueBy();
    attempts = soFar.attempts();
    suspendedFromLists = soFar.suspendedFromLists();
    timeline.restore(soFar.timeline(), soFar.omitted().timeline());
    operatorActions.restore(soFar.operatorActions(), soFar.omitted().operatorActions());
    notifications.restore(soFar.notifications(), soFar.omitted().notifications());
    // The state stays VALIDATING (no operator action fits) until this run moves on.
  }

  /** What the next run needs to go on at {@code resumeAt}; see {@link RunSoFar}. */
  RunSoFar soFar(
      int runs, RunSoFar.Step resumeAt, OperatorAction approval, List<String> escalated) {
    return new RunSoFar(
        runs,
        resumeAt,
        startedAt,
        dueBy,
        attempts,
        suspendedFromLists,
        approval,
        escalated,
        timeline.entries(),
        operatorActions.entries(),
        notifications.entries(),
        omitted());
  }

  /** Enters {@code next}: timeline, the UI, and no wait until {@link #waitFor} says so. */
  void moveTo(OffboardingState next, String detail) {
    state = next;
    updatedAt = now();
    waitingFor = null;
    waitUntil = null;
    allowedActions = List.of();
    timeline.add(new StateChange(next, updatedAt, detail));
    display.entered(next);
    display.details(details(detail));
  }

  /**
   * Says what the run waits for and which operator actions move it on; shown by the {@code status}
   * query (as data), {@code ./offboard status} and the Temporal UI's current details (in prose).
   */
  void waitFor(String what, Instant until, List<String> actions) {
    waitingFor = what;
    waitUntil = until;
    allowedActions = List.copyOf(actions);
    display.details(details(what));
  }

  /** The operator actions possible now changed (one was accepted): the same wait, new actions. */
  void refreshActions(List<String> actions) {
    waitFor(waitingFor, waitUntil, actions);
  }

  private String details(String what) {
    StringBuilder text = new StringBuilder();
    text.append("**").append(state.name()).append("**");
    if (what != null) {
      text.append(": ").append(what);
    }
    if (waitUntil != null) {
      text.append("\n\nUntil ").append(waitUntil).append(" UTC.");
    }
    if (!allowedActions.isEmpty()) {
      // A blank line before the list: the Temporal UI's Markdown does not let a list interrupt
      // a paragraph, and would run the commands into one line.
      text.append("\n\nTo move it on:\n");
      for (String command : OperatorCommands.forActions(distinctId, allowedActions)) {
        text.append("\n- `").append(command).append('`');
      }
    }
    if (dueBy != null && outcome == null) {
      text.append("\n\nDue by ").append(dueBy).append('.');
    }
    return text.toString();
  }

  void attempts(int attempts) {
    this.attempts = attempts;
  }

  int attempts() {
    return attempts;
  }

  void lastError(String message) {
    this.lastError = message;
  }

  /** The failure that parked the run: its type and SuprSend's status (0 when unknown). */
  void failure(String type, int httpStatus) {
    this.failureType = type;
    this.failureHttpStatus = httpStatus;
  }

  void decided(Outcome outcome, int httpStatus) {
    this.outcome = outcome;
    this.httpStatus = httpStatus;
    this.completedAt = now();
    if (outcome.userRemoved()) {
      this.lastError = null;
    }
  }

  void suspendedFrom(List<String> listIds) {
    suspendedFromLists = List.copyOf(listIds);
  }

  List<String> suspendedFromLists() {
    return suspendedFromLists;
  }

  void compensated(Compensation compensation) {
    this.compensation = compensation;
  }

  void operatorAction(OperatorAction action) {
    operatorActions.add(action);
  }

  /** The newest operator action, or null. */
  OperatorAction lastOperatorAction() {
    return operatorActions.newest();
  }

  void notified(NotificationResult result) {
    notifications.add(result);
  }

  OffboardingState state() {
    return state;
  }

  Outcome outcome() {
    return outcome;
  }

  String distinctId() {
    return distinctId;
  }

  String lastError() {
    return lastError;
  }

  Instant dueBy() {
    return dueBy;
  }

  boolean approvalRequired() {
    return approvalRequired;
  }

  private OmittedEntries omitted() {
    return new OmittedEntries(
        timeline.dropped(), operatorActions.dropped(), notifications.dropped());
  }

  OffboardingStatus status() {
    return new OffboardingStatus(
        state,
        attempts,
        lastError,
        outcome,
        updatedAt,
        waitingFor,
        allowedActions,
        waitUntil,
        dueBy,
        suspendedFromLists,
        operatorActions.entries(),
        timeline.entries(),
        notifications.entries(),
        state == OffboardingState.NEEDS_ATTENTION ? failureType : null,
        state == OffboardingState.NEEDS_ATTENTION ? failureHttpStatus : 0,
        omitted());
  }

  /** The audit record as of now (outcome null while the run is open). */
  OffboardingReceipt receipt() {
    var info = Workflow.getInfo();
    return new OffboardingReceipt(
        distinctId,
        outcome,
        httpStatus,
        attempts,
        startedAt,
        completedAt,
        info.getWorkflowId(),
        info.getRunId(),
        reason,
        requestedBy,
        gracePeriod,
        approvalRequired,
        dueBy,
        (completedAt == null || dueBy == null) ? null : !completedAt.isAfter(dueBy),
        suspendedFromLists,
        compensation,
        operatorActions.entries(),
        timeline.entries(),
        notifications.entries(),
        omitted());
  }

  /** What a notification carries: the receipt's main facts. */
  ReceiptDigest digest() {
    var info = Workflow.getInfo();
    return new ReceiptDigest(
        distinctId,
        outcome,
        httpStatus,
        attempts,
        startedAt,
        completedAt,
        dueBy,
        info.getWorkflowId(),
        info.getRunId());
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
