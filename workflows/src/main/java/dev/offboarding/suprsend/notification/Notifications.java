package dev.offboarding.suprsend.notification;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Sends one notice on every channel configured on the worker (the webhook, the SuprSend trigger),
 * as one activity: the workflow schedules it only when a channel is configured. Each channel keeps
 * its own rules ({@link WebhookNotification}, {@link SuprSendNotification}); a channel that refuses
 * for good is reported as {@code FAILED}, and one that fails for now makes the attempt fail, so
 * Temporal retries it. A retry sends only on the channels that are not done yet (the done ones
 * travel in the heartbeat details), so a delivered notice is not sent twice.
 */
@ActivityInterface
public interface Notifications {

  @ActivityMethod(name = "Notify")
  Delivery notify(Notice notice);
}
