package dev.offboarding.suprsend.notification;

import java.util.List;

/**
 * What {@link Notifications} reports: one result per channel that is done with the notice. Also its
 * heartbeat details, so that a retry only sends on the channels still open.
 *
 * @param results one per channel done, in the order they were done
 */
public record Delivery(List<ChannelResult> results) {

  public Delivery {
    results = results == null ? List.of() : List.copyOf(results);
  }
}
