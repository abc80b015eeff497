package dev.offboarding.suprsend.contract;

/**
 * How an offboarding ended. Every value ends the workflow as completed with a receipt: the operator
 * decided, or SuprSend did. {@link #userRemoved()} tells the two families apart.
 *
 * <p>A run cancelled through Temporal itself (not through {@code ./offboard cancel}) is compensated
 * and ends as Temporal's {@code CANCELED}, not with an outcome.
 */
public enum Outcome {
  /** SuprSend answered 2xx to the delete: this run removed the user. */
  DELETED,
  /**
   * SuprSend answered its own JSON user-not-found 404: the user was already gone (deleted earlier,
   * or never created). Only SuprSend's documented body counts; any other 404 is a failure.
   */
  ALREADY_ABSENT,
  /**
   * The delete failed permanently and an operator confirmed that the user is gone ({@code skip},
   * with a note saying how they know). Nothing was compensated.
   */
  SKIPPED_BY_OPERATOR,
  /** An operator cancelled the run during its grace period or approval; the user was restored. */
  CANCELLED,
  /** An approver rejected the offboarding; the user was restored. */
  REJECTED,
  /** An operator aborted the run after a failure; the user was restored. */
  ABORTED;

  /** True when the user is no longer in SuprSend: the offboarding achieved its purpose. */
  public boolean userRemoved() {
    return this == DELETED || this == ALREADY_ABSENT || this == SKIPPED_BY_OPERATOR;
  }
}
