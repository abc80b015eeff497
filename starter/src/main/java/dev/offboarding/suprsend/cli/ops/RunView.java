package dev.offboarding.suprsend.cli.ops;

import dev.offboarding.suprsend.contract.NotificationResult;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OperatorAction;
import java.time.Instant;
import java.util.List;

/**
 * What {@code ./offboard status} shows: the workflow's {@code status} query merged with Temporal's
 * description of the run.
 *
 * @param temporalStatus Temporal's status of the run (RUNNING, COMPLETED, FAILED, ...)
 * @param state the offboarding's own state
 * @param attempts delete attempts so far (the current one included while it runs)
 * @param lastError the last failure message, or null
 * @param nextAttemptAt when the next delete attempt is due, or null
 * @param outcome DELETED or ALREADY_ABSENT once completed, else null
 * @param failureType why the run failed, or null
 * @param note anything else worth knowing (e.g. no worker answered the query)
 * @param waitingFor what an open run waits for, or null
 * @param commands the {@code ./offboard} commands that move it on
 * @param dueBy when the offboarding must be finished, or null (runs started before the saga)
 * @param finishedInTime for a completed run: whether it finished by {@code dueBy}
 * @param suspendedFromLists the subscriber lists the user was taken out of while waiting
 * @param operatorActions every operator decision
 * @param notifications every notification result
 */
record RunView(
    String distinctId,
    String workflowId,
    String runId,
    String taskQueue,
    String temporalStatus,
    OffboardingState state,
    int attempts,
    String lastError,
    Instant nextAttemptAt,
    String outcome,
    Integer httpStatus,
    String failureType,
    Instant startedAt,
    Instant closedAt,
    String note,
    String waitingFor,
    List<String> commands,
    Instant dueBy,
    Boolean finishedInTime,
    List<String> suspendedFromLists,
    List<OperatorAction> operatorActions,
    List<NotificationResult> notifications) {}
