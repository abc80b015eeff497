package dev.offboarding.suprsend.cli;

/** The exit codes of every command, as the design fixes them. */
final class ExitCodes {

  /** Everything asked for succeeded (or was started). */
  static final int OK = 0;

  /** Something unexpected went wrong (a bug, or a condition no other code describes). */
  static final int UNEXPECTED = 1;

  /** Usage error or bad input (arguments, ids, configuration). */
  static final int USAGE = 2;

  /** An offboarding did not complete, or SuprSend is not usable with this configuration. */
  static final int NOT_COMPLETED = 3;

  /** Temporal could not be reached (or refused the credentials, or the namespace is missing). */
  static final int TEMPORAL_UNREACHABLE = 4;

  static final String FOOTER =
      "%nExit codes: 0 success, 2 usage or bad input, 3 an offboarding did not complete,"
          + " 4 Temporal unreachable.";

  private ExitCodes() {}
}
