package dev.offboarding.suprsend.contract;

/**
 * Where a run stands. Reported by the {@code status} query, {@code ./offboard status}, and the
 * {@code OffboardingState} search attribute (upserted once the run first waits or ends, then on
 * every change, so the Temporal UI can filter on it: {@code OffboardingState="NEEDS_ATTENTION"}).
 */
public enum OffboardingState {
  /** Checking the request before anything touches SuprSend. */
  VALIDATING,
  /** Removing the user from their subscriber lists before a waiting phase (compensatable). */
  SUSPENDING,
  /** Waiting for the grace period to end; {@code cancel} calls the offboarding off. */
  GRACE_PERIOD,
  /** Waiting for {@code approve} or {@code reject}; {@code cancel} works too. */
  AWAITING_APPROVAL,
  /** Calling SuprSend's delete endpoint; transient failures are retried by Temporal. */
  DELETING,
  /**
   * A step failed in a way retrying will not fix: waiting for {@code retry}, {@code skip}, {@code
   * abort}.
   */
  NEEDS_ATTENTION,
  /** Undoing the suspension: putting the user back into the lists they were removed from. */
  COMPENSATING,
  /** The outcome is decided; sending the notifications. */
  NOTIFYING,
  /** Finished with an {@link Outcome}: see the receipt. */
  COMPLETED,
  /** Ended without an outcome: the request was invalid. */
  FAILED,
  /** Cancelled through Temporal: compensated, then ended as Temporal's {@code CANCELED}. */
  CANCELLED
}
