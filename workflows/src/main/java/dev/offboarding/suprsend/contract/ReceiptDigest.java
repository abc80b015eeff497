package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * The few facts of a receipt a notification carries (the full audit record is the workflow's result
 * and its {@code status} query): who, how it ended, when, and where to look.
 *
 * @param distinctId the SuprSend distinct id
 * @param outcome how it ended, or null while the run is open
 * @param httpStatus SuprSend's status for the deciding delete, 0 when none decided it
 * @param attempts delete attempts so far, across continued runs
 * @param startedAt when the offboarding started
 * @param completedAt when the outcome was recorded, or null
 * @param dueBy when the offboarding had to be finished
 * @param workflowId the Temporal workflow id
 * @param runId the Temporal run id of the run that sent the event
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReceiptDigest(
    String distinctId,
    Outcome outcome,
    int httpStatus,
    int attempts,
    Instant startedAt,
    Instant completedAt,
    Instant dueBy,
    String workflowId,
    String runId) {}
