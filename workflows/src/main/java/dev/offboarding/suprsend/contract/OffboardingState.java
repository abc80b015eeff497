package dev.offboarding.suprsend.contract;

/** Where a run stands. Reported by the {@code status} query and {@code ./offboard status}. */
public enum OffboardingState {
  /** Checking the request before anything touches SuprSend. */
  VALIDATING,
  /** Calling SuprSend's delete endpoint; transient failures are retried by Temporal. */
  DELETING,
  /** Finished with an {@link Outcome}. */
  COMPLETED,
  /** Ended without deleting: bad input or a permanent SuprSend failure. */
  FAILED
}
