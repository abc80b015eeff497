package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * The workflow result: an audit record of one completed offboarding, part of the public JSON
 * contract (times are ISO-8601 strings in UTC).
 *
 * @param distinctId the SuprSend distinct id
 * @param outcome {@code DELETED} or {@code ALREADY_ABSENT}
 * @param httpStatus the status SuprSend answered to the deciding call (204, 404)
 * @param attempts how many delete attempts it took (1 when the first call decided it)
 * @param startedAt when the workflow run started
 * @param completedAt when the outcome was recorded
 * @param workflowId the Temporal workflow id (deterministic per distinct id)
 * @param runId the Temporal run id
 * @param reason the reason given at start, or null
 * @param requestedBy who asked for it, or null
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
    String requestedBy) {}
