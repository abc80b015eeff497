package dev.offboarding.suprsend.notification;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Triggers the SuprSend workflow {@code SUPRSEND_NOTIFY_WORKFLOW} for the internal recipients in
 * {@code SUPRSEND_NOTIFY_RECIPIENTS}, with the event id as {@code $idempotency_key} and the event
 * as {@code data}. The user being offboarded is never a recipient: a configured recipient equal to
 * them is dropped with a warning (notifying them would re-create the profile just deleted).
 */
@ActivityInterface
public interface SuprSendNotification {

  @ActivityMethod(name = "TriggerSuprSendWorkflow")
  Sent trigger(Notice notice);
}
