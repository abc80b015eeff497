package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The emulated SuprSend API. Order of checks for every request: latency, route (unknown routes get
 * a router's HTML 404 before anything else), {@code Authorization}, rate limit, then for {@code
 * DELETE /v1/user/{id}/} scripted responses, then random fault injection, then the normal
 * behaviour.
 */
final class ApiHandler {

  static final String NOT_AUTHENTICATED = "Not Authenticated - could not find Workspace details";
  private static final int DEFAULT_PAGE = 10;
  private static final int MAX_PAGE = 100;
  private static final int MAX_RECIPIENTS = 100;

  private final SuprSendSandbox sandbox;

  ApiHandler(SuprSendSandbox sandbox) {
    this.sandbox = sandbox;
  }

  void handle(HttpExchange exchange, String rawPath, byte[] body)
      throws IOException, InterruptedException {
    sandbox.countArrival();
    long latency = sandbox.latencyNanos();
    if (latency > 0) {
      TimeUnit.NANOSECONDS.sleep(latency);
    }
    String method = exchange.getRequestMethod();
    Route route = Route.parse(rawPath);
    Reply reply = respond(exchange, method, route, rawPath, body);
    Instant now = Instant.now();
    sandbox.recordRequest(
        new RecordedRequest(
            now,
            method,
            rawPath,
            route.distinctId(),
            exchange.getRequestHeaders(),
            new String(body, StandardCharsets.UTF_8),
            reply.recordedStatus()));
    if (route.kind() == Route.Kind.TRIGGER) {
      sandbox.recordTrigger(new TriggerCall(now, triggerBody(body), reply.recordedStatus()));
    }
    reply.writeTo(exchange);
  }

  private Reply respond(
      HttpExchange exchange, String method, Route route, String rawPath, byte[] body)
      throws InterruptedException {
    if (route.kind() == Route.Kind.NOT_FOUND) {
      return Reply.routerHtml(404);
    }
    if (route.kind() == Route.Kind.BAD_SEGMENT) {
      return Reply.routerHtml(400);
    }
    if (!sandbox.isAuthorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return Reply.text(401, NOT_AUTHENTICATED);
    }
    long waitNanos = sandbox.rateLimitWaitNanos();
    if (waitNanos > 0) {
      sandbox.countRateLimited();
      long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
      ObjectNode err = Json.object().put("code", 429).put("message", "rate limit exceeded");
      return Reply.json(429, err).withHeader("Retry-After", Long.toString(seconds));
    }
    return switch (route.kind()) {
      case USER ->
          switch (method) {
            case "DELETE" -> delete(route.distinctId(), rawPath);
            case "GET" -> getUser(route.distinctId());
            case "POST" -> upsertUser(route.distinctId(), body);
            default -> methodNotAllowed("GET, POST, DELETE");
          };
      case USER_LISTS ->
          method.equals("GET")
              ? subscribedLists(route.distinctId(), exchange.getRequestURI().getRawQuery())
              : methodNotAllowed("GET");
      case LIST_ADD, LIST_REMOVE ->
          method.equals("POST")
              ? changeList(route.listId(), route.kind() == Route.Kind.LIST_ADD, body)
              : methodNotAllowed("POST");
      case TRIGGER -> method.equals("POST") ? trigger(body) : methodNotAllowed("POST");
      default -> Reply.routerHtml(404);
    };
  }

  // ---- users ----

  private Reply delete(String id, String rawPath) throws InterruptedException {
    ScriptedResponse script = sandbox.nextScript(id);
    if (script == null) {
      if (sandbox.faultHit()) {
        ObjectNode err =
            Json.object()
                .put("code", 503)
                .put("message", "service unavailable (sandbox fault injection)");
        return Reply.json(503, err);
      }
      return deleteNormally(id);
    }
    boolean stall = script.fault() == ScriptedResponse.Fault.STALL_BODY;
    Reply reply;
    if (script.isNormal()) {
      reply = deleteNormally(id);
      if (stall && reply.body().length == 0) {
        reply = Reply.json(200, Json.object());
      }
    } else {
      reply = scriptedBody(script.status(), script.body(), id, rawPath);
      if (stall && reply.body().length == 0) {
        reply =
            scriptedBody(
                script.status(), ScriptedResponse.BodyKind.SUPRSEND_ERROR_JSON, id, rawPath);
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

  private Reply deleteNormally(String id) {
    if (sandbox.state().delete(id)) {
      sandbox.countDelete();
      return Reply.empty(204);
    }
    return userNotFound(id);
  }

  static Reply userNotFound(String id) {
    ObjectNode err =
        Json.object().put("code", 404).put("message", "user [distinct_id: '" + id + "'] not found");
    return Reply.json(404, err);
  }

  static Reply scriptedBody(int status, ScriptedResponse.BodyKind kind, String id, String rawPath) {
    return switch (kind) {
      case SUPRSEND_USER_NOT_FOUND ->
          new Reply(
              status,
              Reply.JSON,
              userNotFound(id).body(),
              Map.of(),
              ScriptedResponse.Fault.NONE,
              Duration.ZERO);
      case SUPRSEND_ERROR_JSON ->
          Reply.json(status, Json.object().put("code", status).put("message", "scripted error"));
      case OTHER_JSON ->
          Reply.json(
              status,
              Json.object()
                  .put("error", Reply.reason(status).toLowerCase(java.util.Locale.ROOT))
                  .put("path", rawPath));
      case HTML -> Reply.proxyHtml(status);
      case EMPTY -> Reply.empty(status);
      case PLAIN_TEXT -> Reply.text(status, "upstream connect error");
    };
  }

  private Reply getUser(String id) {
    ObjectNode profile = sandbox.state().profile(id);
    return profile == null ? userNotFound(id) : Reply.json(200, profile);
  }

  private Reply upsertUser(String id, byte[] body) {
    JsonNode props = null;
    if (body.length > 0) {
      try {
        props = Json.parse(body);
      } catch (IllegalArgumentException e) {
        return userError(400, "invalid JSON body");
      }
      if (!props.isObject()) {
        return userError(400, "body must be a JSON object");
      }
    }
    return Reply.json(201, sandbox.state().upsert(id, props));
  }

  private static Reply userError(int status, String message) {
    return Reply.json(status, Json.object().put("code", status).put("message", message));
  }

  // ---- subscribed_to/list pagination ----

  private Reply subscribedLists(String id, String rawQuery) {
    Map<String, String> query = parseQuery(rawQuery);
    int limit = DEFAULT_PAGE;
    if (query.containsKey("limit")) {
      try {
        limit = Integer.parseInt(query.get("limit"));
      } catch (NumberFormatException e) {
        return userError(400, "limit must be an integer");
      }
      if (limit < 1) {
        return userError(400, "limit must be >= 1");
      }
      limit = Math.min(limit, MAX_PAGE);
    }
    List<SandboxState.Subscription> all = sandbox.state().subscriptions(id);
    if (all == null) {
      return userNotFound(id);
    }
    int start;
    int end;
    try {
      if (query.get("after") != null) {
        SandboxState.Subscription key = decodeCursor(query.get("after"));
        start = firstIndexAfter(all, key, false);
        end = Math.min(all.size(), start + limit);
      } else if (query.get("before") != null) {
        SandboxState.Subscription key = decodeCursor(query.get("before"));
        end = firstIndexAfter(all, key, true);
        start = Math.max(0, end - limit);
      } else {
        start = 0;
        end = Math.min(all.size(), limit);
      }
    } catch (IllegalArgumentException e) {
      return userError(400, "invalid cursor");
    }
    List<SandboxState.Subscription> page = all.subList(start, end);
    boolean hasPrev = start > 0;
    boolean hasNext = end < all.size();
    ObjectNode meta = Json.object();
    meta.put("count", all.size());
    meta.put("limit", limit);
    meta.put("has_prev", hasPrev);
    meta.put("before", hasPrev && !page.isEmpty() ? encodeCursor(page.get(0)) : null);
    meta.put("has_next", hasNext);
    meta.put("after", hasNext && !page.isEmpty() ? encodeCursor(page.get(page.size() - 1)) : null);
    ArrayNode results = Json.array();
    for (SandboxState.Subscription s : page) {
      results
          .addObject()
          .put("list_id", s.listId())
          .put("list_name", s.listName())
          .put("subscribed_at", s.subscribedAt().toString());
    }
    ObjectNode out = Json.object();
    out.set("meta", meta);
    out.set("results", results);
    return Reply.json(200, out);
  }

  /** First index whose element is after {@code key} (or at/after it when {@code inclusive}). */
  private static int firstIndexAfter(
      List<SandboxState.Subscription> all, SandboxState.Subscription key, boolean inclusive) {
    for (int i = 0; i < all.size(); i++) {
      int cmp = SandboxState.Subscription.ORDER.compare(all.get(i), key);
      if (cmp > 0 || (inclusive && cmp == 0)) {
        return i;
      }
    }
    return all.size();
  }

  @SuppressWarnings("JavaInstantGetSecondsGetNano") // both parts: the cursor is the exact instant
  private static String encodeCursor(SandboxState.Subscription s) {
    String raw =
        s.subscribedAt().getEpochSecond() + ":" + s.subscribedAt().getNano() + ":" + s.listId();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static SandboxState.Subscription decodeCursor(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split(":", 3);
      if (parts.length != 3) {
        throw new IllegalArgumentException("bad cursor");
      }
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      return new SandboxState.Subscription(parts[2], "", at);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("bad cursor", e);
    }
  }

  static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> out = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.putIfAbsent(name, value);
      } catch (IllegalArgumentException e) {
        // a malformed pair is ignored, as lenient web frameworks do
      }
    }
    return out;
  }

  // ---- subscriber lists ----

  private Reply changeList(String listId, boolean add, byte[] body) {
    JsonNode node;
    try {
      node = Json.parse(body);
    } catch (IllegalArgumentException e) {
      return listError(
          400, "bad_request", "ValidationError", "invalid JSON body", "body must be JSON");
    }
    JsonNode ids = node.isObject() ? node.get("distinct_ids") : null;
    if (ids == null || !ids.isArray() || ids.isEmpty()) {
      return listError(
          400,
          "bad_request",
          "ValidationError",
          "distinct_ids: this field is required",
          "distinct_ids must be a non-empty array of strings");
    }
    List<String> distinctIds = new ArrayList<>(ids.size());
    for (JsonNode id : ids) {
      if (!id.isTextual() || id.asText().isEmpty()) {
        return listError(
            400,
            "bad_request",
            "ValidationError",
            "distinct_ids: invalid value",
            "each distinct_id must be a non-empty string");
      }
      distinctIds.add(id.asText());
    }
    int affected =
        add
            ? sandbox.state().addToList(listId, distinctIds)
            : sandbox.state().removeFromList(listId, distinctIds);
    if (affected < 0) {
      return listError(
          404,
          "not_found",
          "NotFound",
          "list [list_id: '" + listId + "'] not found",
          "no subscriber list with this id");
    }
    return Reply.json(201, Json.object().put("success", true).put("affected_count", affected));
  }

  private static Reply listError(
      int status, String errorCode, String type, String message, String detail) {
    ObjectNode err = Json.object();
    err.put("code", status);
    err.put("error_code", errorCode);
    err.put("type", type);
    err.put("message", message);
    err.put("detail", detail);
    return Reply.json(status, err);
  }

  // ---- trigger ----

  private Reply trigger(byte[] body) {
    JsonNode node;
    try {
      node = Json.parse(body);
    } catch (IllegalArgumentException e) {
      return triggerFail("invalid JSON body");
    }
    if (!node.isObject()) {
      return triggerFail("body must be a JSON object");
    }
    JsonNode workflow = node.get("workflow");
    if (workflow == null || !workflow.isTextual() || workflow.asText().isBlank()) {
      return triggerFail("workflow: this field is required and must be a string");
    }
    JsonNode recipients = node.get("recipients");
    if (recipients == null
        || !recipients.isArray()
        || recipients.isEmpty()
        || recipients.size() > MAX_RECIPIENTS) {
      return triggerFail("recipients: must be an array of 1 to " + MAX_RECIPIENTS + " recipients");
    }
    List<JsonNode> inline = new ArrayList<>();
    for (int i = 0; i < recipients.size(); i++) {
      JsonNode r = recipients.get(i);
      if (r.isTextual() && !r.asText().isEmpty()) {
        continue;
      }
      JsonNode id = r.isObject() ? r.get("distinct_id") : null;
      if (id == null || !id.isTextual() || id.asText().isEmpty()) {
        return triggerFail("recipients[" + i + "]: distinct_id is required");
      }
      inline.add(r);
    }
    String messageId = UUID.randomUUID().toString();
    JsonNode key = node.get("$idempotency_key");
    if (key != null && key.isTextual()) {
      String previous = sandbox.rememberIdempotencyKey(key.asText(), messageId);
      if (previous != null) {
        // a repeat inside the idempotency window: accepted again, nothing happens twice
        return triggerAccepted(previous);
      }
    }
    for (JsonNode r : inline) {
      // inline recipient properties upsert (and so re-create) the user, as in SuprSend
      ObjectNode props = ((ObjectNode) r).deepCopy();
      props.remove("distinct_id");
      sandbox.state().upsert(r.get("distinct_id").asText(), props);
    }
    return triggerAccepted(messageId);
  }

  private static Reply triggerAccepted(String messageId) {
    return Reply.json(202, Json.object().put("message_id", messageId).put("status", "success"));
  }

  private static Reply triggerFail(String message) {
    return Reply.json(400, Json.object().put("status", "fail").put("message", message));
  }

  private static JsonNode triggerBody(byte[] body) {
    try {
      return Json.parse(body);
    } catch (IllegalArgumentException e) {
      return TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
    }
  }

  private static Reply methodNotAllowed(String allow) {
    return userError(405, "method not allowed").withHeader("Allow", allow);
  }
}
