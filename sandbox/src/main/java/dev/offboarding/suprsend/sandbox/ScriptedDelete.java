package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code DELETE /v1/user/{id}/} with fault injection: a scripted answer for this id (or any id)
 * first, else a random 503 at the configured fault rate, else the plain delete.
 */
final class ScriptedDelete {

  private final FaultInjection faults;
  private final UserEndpoints users;

  ScriptedDelete(FaultInjection faults, UserEndpoints users) {
    this.faults = faults;
    this.users = users;
  }

  Reply delete(String id, String rawPath) throws InterruptedException {
    ScriptedResponse script = faults.nextScript(id);
    if (script == null) {
      if (faults.faultHit()) {
        ObjectNode err =
            Json.object()
                .put("code", 503)
                .put("message", "service unavailable (sandbox fault injection)");
        return Reply.json(503, err);
      }
      return users.delete(id);
    }
    boolean stall = script.fault() == ScriptedResponse.Fault.STALL_BODY;
    Reply reply;
    if (script.isNormal()) {
      reply = users.delete(id);
      if (stall && reply.body().length == 0) {
        reply = Reply.json(200, Json.object());
      }
    } else {
      reply = body(script.status(), script.body(), id, rawPath);
      if (stall && reply.body().length == 0) {
        reply = body(script.status(), ScriptedResponse.BodyKind.SUPRSEND_ERROR_JSON, id, rawPath);
      }
    }
    if (script.retryAfter() != null) {
      reply = reply.withHeader("Retry-After", script.retryAfter());
    }
    if (!stall && !script.delay().isZero()) {
      TimeUnit.NANOSECONDS.sleep(script.delay().toNanos());
    }
    return switch (script.fault()) {
      case NONE -> reply;
      case CONNECTION_RESET -> Reply.reset();
      case STALL_BODY -> reply.stalled(script.delay());
    };
  }

  /** The scripted status with a body of the scripted kind. */
  static Reply body(int status, ScriptedResponse.BodyKind kind, String id, String rawPath) {
    return switch (kind) {
      case SUPRSEND_USER_NOT_FOUND ->
          new Reply(
              status,
              Reply.JSON,
              UserEndpoints.notFound(id).body(),
              Map.of(),
              ScriptedResponse.Fault.NONE,
              Duration.ZERO);
      case SUPRSEND_ERROR_JSON ->
          Reply.json(status, Json.object().put("code", status).put("message", "scripted error"));
      case OTHER_JSON ->
          Reply.json(
              status,
              Json.object()
                  .put("error", Reply.reason(status).toLowerCase(Locale.ROOT))
                  .put("path", rawPath));
      case HTML -> Reply.proxyHtml(status);
      case EMPTY -> Reply.empty(status);
      case PLAIN_TEXT -> Reply.text(status, "upstream connect error");
    };
  }
}
