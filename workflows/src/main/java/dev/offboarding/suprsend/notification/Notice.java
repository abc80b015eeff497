package dev.offboarding.suprsend.notification;

/**
 * One event ready to send, built by the workflow so that every retry sends identical bytes.
 *
 * @param eventId the event's id: the idempotency key on both channels
 * @param type the event type ({@code offboarding.completed}, ...)
 * @param epochSecond the event time in Unix seconds: the webhook's signed timestamp
 * @param distinctId the user being offboarded: never a notification recipient
 * @param body the event as JSON ({@link dev.offboarding.suprsend.contract.OffboardingEvent})
 */
public record Notice(
    String eventId, String type, long epochSecond, String distinctId, String body) {}
