package dev.offboarding.suprsend.workflow;

import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.ABORT;
import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.APPROVE;
import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.CANCEL;
import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.REJECT;
import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.RETRY;
import static dev.offboarding.suprsend.workflow.UserOffboarding.Updates.SKIP;

import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OperatorAction;
import dev.offboarding.suprsend.contract.OperatorRequest;
import java.util.List;

/**
 * Which operator action fits the run's state, and the decisions accepted but not yet acted on.
 *
 * <p>Validators call {@link #refuse}: it only reads, as Temporal requires. Handlers call {@link
 * #accept}, which records the action; the workflow's main path then {@link #take}s the decision.
 * Once a decision is pending no other is accepted, so two operators cannot race each other.
 */
final class OperatorDecisions {

  private final RunRecord run;
  private String pending;
  private OperatorAction approval;
  private boolean skipAllowed;

  OperatorDecisions(RunRecord run) {
    this.run = run;
  }

  /** The actions accepted in the current state. */
  List<String> allowed() {
    if (pending != null) {
      return List.of();
    }
    return switch (run.state()) {
      case SUSPENDING, GRACE_PERIOD ->
          approvalPending() ? List.of(APPROVE, REJECT, CANCEL) : List.of(CANCEL);
      case AWAITING_APPROVAL -> List.of(APPROVE, REJECT, CANCEL);
      case NEEDS_ATTENTION -> skipAllowed ? List.of(RETRY, SKIP, ABORT) : List.of(RETRY, ABORT);
      default -> List.of();
    };
  }

  /** Whether the next {@code NEEDS_ATTENTION} answers a failed delete (so {@code skip} fits). */
  void skipAllowed(boolean allowed) {
    this.skipAllowed = allowed;
  }

  boolean approved() {
    return approval != null;
  }

  boolean hasPending() {
    return pending != null;
  }

  /** The pending decision, left pending; null when there is none. */
  String pending() {
    return pending;
  }

  /** The approver's decision, or null. */
  OperatorAction approval() {
    return approval;
  }

  /** Takes over an approval given in an earlier run of this offboarding. */
  void approvedEarlier(OperatorAction approval) {
    this.approval = approval;
  }

  /** The pending decision, cleared; null when there is none. */
  String take() {
    String decision = pending;
    pending = null;
    return decision;
  }

  /** Throws with the reason when {@code action} does not fit now; never changes anything. */
  void refuse(String action, OperatorRequest request) {
    if (request == null || request.operator() == null || request.operator().isBlank()) {
      throw new IllegalArgumentException(
          action
              + " refused: say who decides (\"operator\"; the CLI's --operator, default the OS user)");
    }
    if (request.operator().length() > OperatorRequest.MAX_OPERATOR_CHARS
        || request.operator().chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          action
              + " refused: the operator name must be at most "
              + OperatorRequest.MAX_OPERATOR_CHARS
              + " characters without control characters");
    }
    if (request.note() != null && request.note().length() > OperatorRequest.MAX_NOTE_CHARS) {
      throw new IllegalArgumentException(
          action
              + " refused: the note is longer than "
              + OperatorRequest.MAX_NOTE_CHARS
              + " characters");
    }
    if (action.equals(SKIP) && (request.note() == null || request.note().isBlank())) {
      throw new IllegalArgumentException(
          "skip refused: a note is required saying how you know the user is gone from SuprSend"
              + " (--note \"...\")");
    }
    if (allowed().contains(action)) {
      return;
    }
    throw new IllegalStateException(action + " refused: " + whyNot(action));
  }

  /**
   * Records an accepted action; the main path acts on it. Answers the action without its note: the
   * note is stored once, with the update's request (and kept in the run's record).
   */
  OperatorAction accept(String action, OperatorRequest request) {
    String note =
        request.note() == null || request.note().isBlank() ? null : request.note().strip();
    OperatorAction recorded =
        new OperatorAction(action, request.operator().strip(), RunRecord.now(), note);
    run.operatorAction(recorded);
    if (action.equals(APPROVE)) {
      approval = recorded;
    } else {
      pending = action;
    }
    run.refreshActions(allowed());
    return recorded.withoutNote();
  }

  private boolean approvalPending() {
    return run.approvalRequired() && approval == null;
  }

  private String whyNot(String action) {
    OffboardingState state = run.state();
    List<String> possible = allowed();
    String now =
        possible.isEmpty()
            ? " No operator action fits now."
            : " Possible now: " + String.join(", ", possible) + ".";
    if (pending != null) {
      return "a " + pending + " was just accepted and is being carried out." + now;
    }
    String why =
        switch (state) {
          case VALIDATING -> "the run is still starting; try again in a moment.";
          case COMPLETED, FAILED, CANCELLED ->
              "the run has ended ("
                  + (run.outcome() != null ? run.outcome().name() : state.name())
                  + ").";
          case DELETING ->
              "the delete is running (Temporal retries transient failures); the waiting phases"
                  + " are over. If it fails permanently the run waits for retry, skip or abort.";
          case COMPENSATING, NOTIFYING -> "the outcome is decided; the run is finishing.";
          default -> null;
        };
    if (why == null) {
      why =
          switch (action) {
            case APPROVE, REJECT ->
                run.approvalRequired()
                    ? approval != null
                        ? "already approved by "
                            + approval.operator()
                            + " at "
                            + approval.at()
                            + "."
                        : "the run is " + state + ", past its approval."
                    : "this run was started without approval (--require-approval).";
            case CANCEL ->
                state == OffboardingState.NEEDS_ATTENTION
                    ? "the run needs attention: abort it instead (the user is restored the same way)."
                    : "cancel applies only during the grace period or approval.";
            case RETRY, ABORT ->
                "the run is " + state + ": nothing has failed that waits for a decision.";
            case SKIP ->
                state == OffboardingState.NEEDS_ATTENTION
                    ? "skip confirms the user is gone, which answers only a failed delete; this run"
                        + " failed before the delete."
                    : "the run is " + state + ": nothing has failed that waits for a decision.";
            default -> "unknown action.";
          };
    }
    return why + now;
  }
}
