package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * How one notification went. A failed notification never changes the outcome.
 *
 * @param event the event type, e.g. {@code offboarding.completed}
 * @param eventId the event id, also its idempotency key
 * @param channel {@code WEBHOOK} or {@code SUPRSEND_TRIGGER}
 * @param status {@code SENT}, {@code NOT_CONFIGURED}, {@code SKIPPED} or {@code FAILED}
 * @param detail what happened (HTTP status, SuprSend's message id, why it failed)
 * @param at when the result was recorded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotificationResult(
    String event, String eventId, Channel channel, Status status, String detail, Instant at) {

  /** Where a notification goes. */
  public enum Channel {
    /** An HTTP POST to {@code OFFBOARDING_WEBHOOK_URL}. */
    WEBHOOK,
    /** A SuprSend workflow trigger to {@code SUPRSEND_NOTIFY_RECIPIENTS}. */
    SUPRSEND_TRIGGER
  }

  /** How it went. */
  public enum Status {
    /** The receiver accepted it (webhook 2xx, SuprSend 202). */
    SENT,
    /** The channel is not configured on the worker. */
    NOT_CONFIGURED,
    /** Nothing to send to (every configured recipient was the user being offboarded). */
    SKIPPED,
    /** Refused permanently, or still failing when the retry window ended. */
    FAILED
  }
}
