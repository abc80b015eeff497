package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * What the {@code status} query answers: the workflow's own view of the run.
 *
 * <p>While a delete attempt is being retried, the workflow itself only learns the attempt count
 * when the activity finishes; {@code ./offboard status} adds the live attempt number and last
 * failure from Temporal's description of the pending activity.
 *
 * @param state where the run stands
 * @param attempts delete attempts known to the workflow (0 until the delete activity finished)
 * @param lastError the last failure message (for {@code NEEDS_ATTENTION}: why), or null
 * @param outcome the outcome once decided, or null
 * @param updatedAt when the state last changed
 * @param waitingFor what the run waits for, in words, or null when it is not waiting
 * @param allowedActions the operator actions (update names) the run accepts now ({@code retry},
 *     {@code cancel}...); the CLI renders them as commands
 * @param waitUntil when the current wait ends by itself (the grace period's end), or null
 * @param dueBy when the offboarding must be finished
 * @param suspendedFromLists the list ids the user was removed from while waiting
 * @param operatorActions every operator decision so far
 * @param timeline every state so far
 * @param notifications every notification result so far
 * @param failureType for {@code NEEDS_ATTENTION}: the failure's type (e.g. {@code
 *     SuprSendAuthenticationFailed}), else null
 * @param httpStatus for {@code NEEDS_ATTENTION} after a failed delete: SuprSend's status, else 0
 * @param omitted how many entries the lists above left out (first and last ones are kept)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OffboardingStatus(
    OffboardingState state,
    int attempts,
    String lastError,
    Outcome outcome,
    Instant updatedAt,
    String waitingFor,
    List<String> allowedActions,
    Instant waitUntil,
    Instant dueBy,
    List<String> suspendedFromLists,
    List<OperatorAction> operatorActions,
    List<StateChange> timeline,
    List<NotificationResult> notifications,
    String failureType,
    int httpStatus,
    OmittedEntries omitted) {

  /** Lists are never null. */
  public OffboardingStatus {
    allowedActions = allowedActions == null ? List.of() : List.copyOf(allowedActions);
    suspendedFromLists = suspendedFromLists == null ? List.of() : List.copyOf(suspendedFromLists);
    operatorActions = operatorActions == null ? List.of() : List.copyOf(operatorActions);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
    omitted = omitted == null ? OmittedEntries.NONE : omitted;
  }
}
