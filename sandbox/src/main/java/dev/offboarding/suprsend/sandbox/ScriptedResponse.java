package dev.offboarding.suprsend.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * One canned answer for a {@code DELETE /v1/user/{id}/} call, queued with {@link
 * SuprSendSandbox#script(String, ScriptedResponse...)} or {@link
 * SuprSendSandbox#scriptAll(ScriptedResponse...)}.
 *
 * <p>Semantics:
 *
 * <ul>
 *   <li>A 2xx status (see {@link #ok()}) means "normal behaviour": the user is deleted (or the
 *       documented 404 is returned) exactly as without a script. With {@link
 *       Fault#CONNECTION_RESET} the deletion still happens and then the connection is dropped
 *       without an answer; with {@link Fault#STALL_BODY} the deletion happens and the answer's body
 *       (status 204 becomes 200, since 204 carries no body) is stalled.
 *   <li>Any other status answers with that status and {@link #body()} and changes nothing.
 *   <li>{@link #delay()} is slept before answering (after the state change for 2xx); for {@link
 *       Fault#STALL_BODY} it is the pause in the middle of the body instead.
 *   <li>{@link #retryAfter()} is sent verbatim as a {@code Retry-After} header when not null.
 * </ul>
 *
 * @param status HTTP status, or {@code 0} for {@link #reset()} (no answer at all)
 * @param body what the body looks like
 * @param retryAfter raw {@code Retry-After} header value, or null for none
 * @param delay pause before answering, or the stall inside the body for {@link Fault#STALL_BODY}
 * @param fault transport-level misbehaviour
 */
public record ScriptedResponse(
    int status, BodyKind body, String retryAfter, Duration delay, Fault fault) {

  /** Shapes of scripted bodies. */
  public enum BodyKind {
    /** The documented {@code {"code":404,"message":"user [distinct_id: '<id>'] not found"}}. */
    SUPRSEND_USER_NOT_FOUND,
    /** {@code {"code":<status>,"message":"scripted error"}}. */
    SUPRSEND_ERROR_JSON,
    /** JSON that is not SuprSend's: {@code {"error":"<reason>","path":"<raw path>"}}. */
    OTHER_JSON,
    /** A proxy's HTML error page, {@code text/html}. */
    HTML,
    /** No body at all. */
    EMPTY,
    /** {@code upstream connect error} as {@code text/plain}. */
    PLAIN_TEXT
  }

  /** Transport-level misbehaviour. */
  public enum Fault {
    /** A well-formed HTTP answer. */
    NONE,
    /** Close the socket without sending any response. */
    CONNECTION_RESET,
    /** Send status and headers and part of the body, pause for {@code delay}, then the rest. */
    STALL_BODY
  }

  /** Validates and fills defaults (null body = EMPTY, null delay = 0, null fault = NONE). */
  public ScriptedResponse {
    body = body == null ? BodyKind.EMPTY : body;
    delay = delay == null ? Duration.ZERO : delay;
    fault = fault == null ? Fault.NONE : fault;
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    if (status == 0) {
      if (fault != Fault.CONNECTION_RESET) {
        throw new IllegalArgumentException("status 0 is only valid with CONNECTION_RESET");
      }
    } else if (status < 200 || status > 599) {
      throw new IllegalArgumentException("status must be 200..599 (or 0 for a reset): " + status);
    }
  }

  /**
   * An answer with this status; 2xx means normal behaviour, anything else gets a SuprSend-style
   * JSON error body ({@link BodyKind#SUPRSEND_ERROR_JSON}).
   */
  public static ScriptedResponse status(int status) {
    return new ScriptedResponse(
        status,
        isSuccess(status) ? BodyKind.EMPTY : BodyKind.SUPRSEND_ERROR_JSON,
        null,
        Duration.ZERO,
        Fault.NONE);
  }

  /** An answer with this status and body shape. */
  public static ScriptedResponse status(int status, BodyKind body) {
    return new ScriptedResponse(status, body, null, Duration.ZERO, Fault.NONE);
  }

  /** Normal behaviour; useful to script "fail twice, then normal" explicitly. */
  public static ScriptedResponse ok() {
    return new ScriptedResponse(200, BodyKind.EMPTY, null, Duration.ZERO, Fault.NONE);
  }

  /** Drop the connection without an answer; the user is not deleted. */
  public static ScriptedResponse reset() {
    return new ScriptedResponse(0, BodyKind.EMPTY, null, Duration.ZERO, Fault.CONNECTION_RESET);
  }

  /**
   * A 503 whose JSON body stalls for {@code stall} after its first bytes; the user is not deleted.
   * For "deleted, but the answer stalls" use {@code ok().withFault(STALL_BODY).withDelay(d)}.
   */
  public static ScriptedResponse stall(Duration stall) {
    return new ScriptedResponse(503, BodyKind.SUPRSEND_ERROR_JSON, null, stall, Fault.STALL_BODY);
  }

  /** Copy with a raw {@code Retry-After} header value (null = none). */
  public ScriptedResponse withRetryAfter(String value) {
    return new ScriptedResponse(status, body, value, delay, fault);
  }

  /** Copy with a delay. */
  public ScriptedResponse withDelay(Duration value) {
    return new ScriptedResponse(status, body, retryAfter, Objects.requireNonNull(value), fault);
  }

  /** Copy with another body shape. */
  public ScriptedResponse withBody(BodyKind value) {
    return new ScriptedResponse(status, value, retryAfter, delay, fault);
  }

  /** Copy with another fault. */
  public ScriptedResponse withFault(Fault value) {
    return new ScriptedResponse(status, body, retryAfter, delay, value);
  }

  /** Whether this script runs the normal behaviour (2xx). */
  public boolean isNormal() {
    return isSuccess(status);
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }
}
