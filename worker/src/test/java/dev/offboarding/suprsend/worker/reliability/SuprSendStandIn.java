package dev.offboarding.suprsend.worker.reliability;

import java.net.URI;
import java.util.Collection;
import java.util.Map;

/**
 * What the crash test needs from whatever plays SuprSend: where it is, and which users it has
 * deleted. Implemented by the project's own sandbox and by WireMock, a stand-in the project did not
 * write, so the sandbox is not the only witness that every user was deleted.
 */
interface SuprSendStandIn extends AutoCloseable {

  /** A name for the figures. */
  String name();

  URI baseUrl();

  /** Puts {@code users} in place, with a share of transient faults from {@code seed}. */
  void prepare(Collection<String> users, double faultRate, long seed);

  /** How many users a DELETE has succeeded for so far. */
  int deletedCount();

  /** Whether a DELETE for {@code user} succeeded. */
  boolean deleted(String user);

  /** Variables that point the worker's notifications here; none when it cannot receive them. */
  default Map<String, String> notificationEnv() {
    return Map.of();
  }

  /**
   * Checks the notifications received: at most one idempotency key per user and event, the user
   * never a recipient; returns figures about them (none when it does not receive notifications).
   */
  default Map<String, Object> checkNotifications() {
    return Map.of();
  }

  /** Figures of what it saw: answers by status, request count. */
  Map<String, Object> figures();

  @Override
  void close();
}
