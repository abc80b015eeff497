package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * What a run hands to the run it continues as (Temporal's continue-as-new keeps each run's history
 * bounded): everything the next run needs to go on where this one stopped, and the bounded audit
 * trail so far, so the final receipt is complete. Set by the workflow itself; callers leave {@link
 * OffboardingRequest#continued()} out.
 *
 * @param runs how many runs came before the next one
 * @param resumeAt the step the next run starts with
 * @param startedAt when the first run started
 * @param dueBy when the offboarding must be finished
 * @param attempts delete attempts so far
 * @param suspendedFromLists the list ids the user was removed from (restored if called off)
 * @param approval the approver's decision, or null
 * @param escalated which deadline escalations were sent: {@code due_soon}, {@code overdue}
 * @param timeline the kept state changes
 * @param operatorActions the kept operator actions
 * @param notifications the kept notification results
 * @param omitted how many entries were left out so far
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunSoFar(
    int runs,
    Step resumeAt,
    Instant startedAt,
    Instant dueBy,
    int attempts,
    List<String> suspendedFromLists,
    OperatorAction approval,
    List<String> escalated,
    List<StateChange> timeline,
    List<OperatorAction> operatorActions,
    List<NotificationResult> notifications,
    OmittedEntries omitted) {

  /** Where the next run starts. */
  public enum Step {
    /**
     * Suspending the user (reading and leaving their subscriber lists), then the waiting phases.
     */
    SUSPEND,
    /** The delete: the waiting phases are over. */
    DELETE
  }

  /** Lists are never null. */
  public RunSoFar {
    suspendedFromLists = suspendedFromLists == null ? List.of() : List.copyOf(suspendedFromLists);
    escalated = escalated == null ? List.of() : List.copyOf(escalated);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
    operatorActions = operatorActions == null ? List.of() : List.copyOf(operatorActions);
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
    omitted = omitted == null ? OmittedEntries.NONE : omitted;
  }
}
