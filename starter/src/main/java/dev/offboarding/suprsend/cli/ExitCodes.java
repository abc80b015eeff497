package dev.offboarding.suprsend.cli;

/** The exit codes of every command, as the design fixes them. */
public final class ExitCodes {

  /** Everything asked for succeeded (or was started). */
  public static final int OK = 0;

  /** Something unexpected went wrong (a bug, or a condition no other code describes). */
  public static final int UNEXPECTED = 1;

  /** Usage error or bad input (arguments, ids, configuration). */
  public static final int USAGE = 2;

  /** An offboarding did not complete, or SuprSend is not usable with this configuration. */
  public static final int NOT_COMPLETED = 3;

  /** Temporal could not be reached (or refused the credentials, or the namespace is missing). */
  public static final int TEMPORAL_UNREACHABLE = 4;

  public static final String FOOTER =
      "%nExit codes: 0 success, 2 usage or bad input, 3 an offboarding did not complete,"
          + " 4 Temporal unreachable.";

  private ExitCodes() {}
}
