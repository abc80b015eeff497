package dev.offboarding.suprsend.workflow;

/** Failure types the workflow itself ends with, besides the delete's own types. */
public final class OffboardingFailures {

  /** The input cannot be offboarded (missing, blank, malformed, or a mismatched workflow id). */
  public static final String INVALID_REQUEST = "InvalidOffboardingRequest";

  /** Temporal kept retrying for the whole retry window without an answer that decided it. */
  public static final String RETRY_WINDOW_EXHAUSTED = "SuprSendRetryWindowExhausted";

  private OffboardingFailures() {}
}
