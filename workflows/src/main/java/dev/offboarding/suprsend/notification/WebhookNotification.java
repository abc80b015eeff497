package dev.offboarding.suprsend.notification;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Posts an event to {@code OFFBOARDING_WEBHOOK_URL}, signed with {@code OFFBOARDING_WEBHOOK_SECRET}
 * when set. 2xx is success; 408, 425, 429, 5xx and network failures are retried by Temporal (a
 * {@code Retry-After} sets the next delay); any other answer is a permanent, non-retryable failure.
 */
@ActivityInterface
public interface WebhookNotification {

  /** The signature header: {@code sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}. */
  String SIGNATURE_HEADER = "X-Offboarding-Signature";

  /**
   * The signed timestamp: the Unix second this attempt was sent (the event time is the body's
   * {@code time}), so receivers can refuse stale requests; see {@link
   * WebhookSignature#DEFAULT_TOLERANCE}.
   */
  String TIMESTAMP_HEADER = "X-Offboarding-Timestamp";

  /** The event type. */
  String EVENT_HEADER = "X-Offboarding-Event";

  /**
   * The event id, the same on every retry of one event. Not signed: receivers deduplicate on the
   * signed body's {@code id}.
   */
  String IDEMPOTENCY_HEADER = "Idempotency-Key";

  @ActivityMethod(name = "SendWebhook")
  Sent send(Notice notice);
}
