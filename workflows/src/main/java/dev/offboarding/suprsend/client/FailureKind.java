package dev.offboarding.suprsend.client;

/**
 * What a non-2xx answer from SuprSend means for this project. The mapping is documented in the
 * README's outcome table; {@link SuprSendErrorDecoder} decides it.
 */
public enum FailureKind {
  /**
   * SuprSend's own JSON user-not-found 404 ({@code code} 404) naming exactly the user that was
   * asked for: the user is not there. A completed outcome.
   */
  USER_NOT_FOUND(false, "SuprSendUserNotFound"),
  /**
   * SuprSend's own JSON list-not-found 404 ({@code code} 404) naming exactly the subscriber list
   * that was asked for: the list is gone.
   */
  LIST_NOT_FOUND(false, "SuprSendListNotFound"),
  /**
   * A 404 that is not SuprSend's not-found for what was asked (HTML, empty, other JSON, another
   * id). Permanent.
   */
  NOT_FROM_USER_API(false, "SuprSendWrongEndpoint"),
  /** A 3xx redirect: the base URL points somewhere else. Permanent. */
  REDIRECTED(false, "SuprSendWrongEndpoint"),
  /** 401: the API key was refused. Permanent until the key is fixed. */
  AUTHENTICATION(false, "SuprSendAuthenticationFailed"),
  /** 403: the key is valid but may not do this. Permanent until fixed. */
  AUTHORIZATION(false, "SuprSendAuthorizationFailed"),
  /** Another 4xx with an API error body: SuprSend rejected the request. Permanent. */
  REJECTED(false, "SuprSendRequestRejected"),
  /** 429: rate limited; {@code Retry-After} sets the next attempt's delay. Retried. */
  RATE_LIMITED(true, "SuprSendRateLimited"),
  /** 408, 5xx, or an HTML/unparsable error page from a proxy. Retried. */
  UNAVAILABLE(true, "SuprSendUnavailable"),
  /** No answer: connection refused or reset, timeouts, DNS. Retried. */
  UNREACHABLE(true, "SuprSendUnreachable");

  private final boolean retryable;
  private final String failureType;

  FailureKind(boolean retryable, String failureType) {
    this.retryable = retryable;
    this.failureType = failureType;
  }

  /** True when Temporal should retry the call. */
  public boolean retryable() {
    return retryable;
  }

  /** The {@code ApplicationFailure} type this kind is raised as in Temporal. */
  public String failureType() {
    return failureType;
  }
}
