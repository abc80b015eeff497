package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * What a notification says, part of the public JSON contract: the webhook's body, and the {@code
 * data} of the SuprSend trigger.
 *
 * @param type {@code offboarding.completed}, {@code .cancelled}, {@code .rejected}, {@code
 *     .aborted}, {@code .needs_attention}, {@code .due_soon} or {@code .overdue}
 * @param id unique per event and stable across retries: the webhook's {@code Idempotency-Key} and
 *     SuprSend's {@code $idempotency_key}
 * @param time when the event happened (workflow time, UTC)
 * @param distinctId the user being offboarded
 * @param workflowId the Temporal workflow id
 * @param state the run's state when the event happened
 * @param detail what happened in words (why it needs attention, how late it is), or null
 * @param receipt the receipt's main facts as of the event (outcome null while the run is open); the
 *     full receipt is the workflow's result
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OffboardingEvent(
    String type,
    String id,
    Instant time,
    String distinctId,
    String workflowId,
    OffboardingState state,
    String detail,
    ReceiptDigest receipt) {

  /** The event types, as they appear in {@code type}. */
  public static final class Types {
    public static final String COMPLETED = "offboarding.completed";
    public static final String CANCELLED = "offboarding.cancelled";
    public static final String REJECTED = "offboarding.rejected";
    public static final String ABORTED = "offboarding.aborted";
    public static final String NEEDS_ATTENTION = "offboarding.needs_attention";
    public static final String DUE_SOON = "offboarding.due_soon";
    public static final String OVERDUE = "offboarding.overdue";

    private Types() {}

    /** The event announcing {@code outcome}. */
    public static String forOutcome(Outcome outcome) {
      return switch (outcome) {
        case DELETED, ALREADY_ABSENT, SKIPPED_BY_OPERATOR -> COMPLETED;
        case CANCELLED -> CANCELLED;
        case REJECTED -> REJECTED;
        case ABORTED -> ABORTED;
      };
    }
  }
}
