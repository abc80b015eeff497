package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * What the {@code status} query answers: the workflow's own view of the run.
 *
 * <p>While a delete attempt is being retried, the workflow itself only learns the attempt count
 * when the activity finishes; {@code ./offboard status} adds the live attempt number and last
 * failure from Temporal's description of the pending activity.
 *
 * @param state where the run stands
 * @param attempts delete attempts known to the workflow (0 until the delete activity finished)
 * @param lastError the last failure message, or null
 * @param outcome the outcome once completed, or null
 * @param updatedAt when the state last changed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OffboardingStatus(
    OffboardingState state, int attempts, String lastError, Outcome outcome, Instant updatedAt) {}
