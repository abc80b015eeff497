package dev.offboarding.suprsend.notification;

import dev.offboarding.suprsend.contract.NotificationResult.Channel;
import dev.offboarding.suprsend.contract.NotificationResult.Status;

/**
 * How one channel handled one notice.
 *
 * @param channel the channel
 * @param status {@code SENT}, {@code NOT_CONFIGURED}, {@code SKIPPED} or {@code FAILED} (refused
 *     for good)
 * @param detail the receiver's status or message id, or why nothing was sent
 */
public record ChannelResult(Channel channel, Status status, String detail) {}
