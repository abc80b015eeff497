package dev.offboarding.suprsend.notification;

import dev.offboarding.suprsend.contract.NotificationResult.Status;

/**
 * What a notification activity reports when it did not fail.
 *
 * @param status {@code SENT}, {@code NOT_CONFIGURED} or {@code SKIPPED}
 * @param detail the receiver's status or message id, or why nothing was sent
 */
public record Sent(Status status, String detail) {}
