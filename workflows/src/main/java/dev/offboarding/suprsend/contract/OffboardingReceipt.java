package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * The workflow result: the audit record of one offboarding, part of the public JSON contract (times
 * are ISO-8601 strings in UTC).
 *
 * @param distinctId the SuprSend distinct id
 * @param outcome how it ended (see {@link Outcome}); {@link Outcome#userRemoved()} says whether the
 *     user is gone
 * @param httpStatus the status SuprSend answered to the deciding delete (204, 404), 0 when no
 *     delete decided it (skipped, cancelled, rejected, aborted)
 * @param attempts how many delete attempts were made (0 when none)
 * @param startedAt when the workflow run started
 * @param completedAt when the outcome was recorded
 * @param workflowId the Temporal workflow id (deterministic per distinct id)
 * @param runId the Temporal run id
 * @param reason the reason given at start, or null
 * @param requestedBy who asked for it, or null
 * @param gracePeriod the grace period waited (ISO-8601), or null
 * @param approvalRequired whether an approver had to say yes
 * @param dueBy when the offboarding had to be finished
 * @param finishedInTime whether {@code completedAt} was no later than {@code dueBy}
 * @param suspendedFromLists the subscriber list ids the user was removed from before waiting
 * @param compensation what undoing the suspension did, or null when nothing was undone
 * @param operatorActions every operator decision, in order
 * @param timeline every state the run went through, in order
 * @param notifications how every notification went, in order
 * @param omitted how many entries the three lists above left out (they keep the first and the last
 *     ones; a run retried hundreds of times would otherwise grow without bound)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OffboardingReceipt(
    String distinctId,
    Outcome outcome,
    int httpStatus,
    int attempts,
    Instant startedAt,
    Instant completedAt,
    String workflowId,
    String runId,
    String reason,
    String requestedBy,
    String gracePeriod,
    boolean approvalRequired,
    Instant dueBy,
    Boolean finishedInTime,
    List<String> suspendedFromLists,
    Compensation compensation,
    List<OperatorAction> operatorActions,
    List<StateChange> timeline,
    List<NotificationResult> notifications,
    OmittedEntries omitted) {

  /** Lists are never null, so callers need no null checks (older JSON may lack them). */
  public OffboardingReceipt {
    suspendedFromLists = suspendedFromLists == null ? List.of() : List.copyOf(suspendedFromLists);
    operatorActions = operatorActions == null ? List.of() : List.copyOf(operatorActions);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
    omitted = omitted == null ? OmittedEntries.NONE : omitted;
  }
}
