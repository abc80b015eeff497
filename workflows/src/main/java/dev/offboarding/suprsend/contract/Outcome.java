package dev.offboarding.suprsend.contract;

/**
 * How an offboarding ended for SuprSend. Both values are completed outcomes: the user is not in
 * SuprSend any more. They are kept apart so the audit trail says which one happened.
 */
public enum Outcome {
  /** SuprSend answered 2xx to the delete: this run removed the user. */
  DELETED,
  /**
   * SuprSend answered its own JSON user-not-found 404: the user was already gone (deleted earlier,
   * or never created). Only SuprSend's documented body counts; any other 404 is a failure.
   */
  ALREADY_ABSENT
}
