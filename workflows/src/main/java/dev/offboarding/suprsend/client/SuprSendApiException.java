package dev.offboarding.suprsend.client;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to SuprSend that did not succeed, classified. The message says what happened and what to
 * do; it never contains the API key.
 */
public class SuprSendApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final FailureKind kind;
  private final int status;
  private final String suprSendMessage;
  private final Duration retryAfter;

  public SuprSendApiException(
      FailureKind kind,
      int status,
      String message,
      String suprSendMessage,
      Duration retryAfter,
      Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.suprSendMessage = suprSendMessage;
    this.retryAfter = retryAfter;
  }

  /** What the failure means. */
  public FailureKind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** SuprSend's own error message when the body carried one, else null. */
  public String suprSendMessage() {
    return suprSendMessage;
  }

  /** The server's {@code Retry-After}, already capped, when it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
