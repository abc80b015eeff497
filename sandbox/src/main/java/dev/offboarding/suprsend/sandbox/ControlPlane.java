package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The unauthenticated {@code /_sandbox/*} endpoints that let tests, benchmarks and other processes
 * seed, script, reconfigure and inspect a running sandbox. Never delayed, rate limited or recorded
 * as API requests.
 */
final class ControlPlane {

  private static final String PREFIX = "/_sandbox";

  private final SuprSendSandbox sandbox;
  private final SandboxState state;
  private final FaultInjection faults;
  private final Recordings recordings;

  ControlPlane(
      SuprSendSandbox sandbox, SandboxState state, FaultInjection faults, Recordings recordings) {
    this.sandbox = sandbox;
    this.state = state;
    this.faults = faults;
    this.recordings = recordings;
  }

  void handle(HttpExchange exchange, String rawPath, byte[] body)
      throws IOException, InterruptedException {
    String method = exchange.getRequestMethod();
    String path = rawPath.substring(PREFIX.length());
    Reply reply;
    try {
      reply = route(exchange, method, path, body);
    } catch (IllegalArgumentException e) {
      reply = error(400, e.getMessage());
    }
    reply.writeTo(exchange);
  }

  private Reply route(HttpExchange exchange, String method, String path, byte[] body) {
    if (path.equals("/webhook") || path.startsWith("/webhook/")) {
      recordings.recordWebhook(
          new WebhookCall(
              Instant.now(),
              exchange.getRequestHeaders(),
              new String(body, StandardCharsets.UTF_8)));
      return Reply.json(200, Json.object().put("status", "received"));
    }
    switch (path) {
      case "/health":
        return only(method, "GET", () -> Reply.json(200, Json.object().put("status", "ok")));
      case "/users":
        return only(method, "POST", () -> addUsers(body));
      case "/users/count":
        return only(
            method, "GET", () -> Reply.json(200, Json.object().put("count", sandbox.userCount())));
      case "/script":
        return only(method, "POST", () -> script(body));
      case "/config":
        if (method.equals("POST")) {
          ControlRequests.configure(sandbox, body);
        } else if (!method.equals("GET")) {
          return methodNotAllowed("GET, POST");
        }
        return Reply.json(200, faults.configJson().put("api_key_set", true));
      case "/stats":
        return only(method, "GET", () -> Reply.json(200, RecordingsJson.stats(sandbox.stats())));
      case "/requests":
        if (method.equals("DELETE")) {
          sandbox.clearRequests();
          return Reply.json(200, Json.object().put("cleared", true));
        }
        return only(
            method, "GET", () -> Reply.json(200, RecordingsJson.requests(sandbox.requests())));
      case "/triggers":
        return only(
            method, "GET", () -> Reply.json(200, RecordingsJson.triggers(sandbox.triggers())));
      case "/webhooks":
        return only(
            method, "GET", () -> Reply.json(200, RecordingsJson.webhooks(sandbox.webhooks())));
      case "/reset":
        return only(
            method,
            "POST",
            () -> {
              sandbox.reset();
              return Reply.json(200, Json.object().put("reset", true));
            });
      default:
        break;
    }
    if (path.startsWith("/users/") && path.indexOf('/', "/users/".length()) < 0) {
      String id = PathSegments.decode(path.substring("/users/".length()));
      return only(method, "GET", () -> userJson(id));
    }
    return error(404, "unknown sandbox endpoint");
  }

  private Reply addUsers(byte[] body) {
    JsonNode node = Json.parse(body);
    List<String> ids = ControlRequests.strings(node.get("distinct_ids"), "distinct_ids", true);
    List<String> lists = ControlRequests.strings(node.get("lists"), "lists", false);
    int added = state.addUsers(ids);
    for (String list : lists) {
      state.addToList(list, ids);
    }
    return Reply.json(200, Json.object().put("added", added).put("count", sandbox.userCount()));
  }

  private Reply userJson(String id) {
    ObjectNode out = Json.object().put("distinct_id", id);
    if (!sandbox.hasUser(id)) {
      out.put("exists", false);
      return Reply.json(404, out);
    }
    out.put("exists", true);
    ArrayNode lists = out.putArray("lists");
    sandbox.listsOf(id).forEach(lists::add);
    return Reply.json(200, out);
  }

  private Reply script(byte[] body) {
    JsonNode node = Json.parse(body);
    JsonNode id = node.get("distinct_id");
    JsonNode responses = node.get("responses");
    if (responses == null || !responses.isArray() || responses.isEmpty()) {
      throw new IllegalArgumentException("responses must be a non-empty array");
    }
    List<ScriptedResponse> parsed = new ArrayList<>();
    for (JsonNode r : responses) {
      parsed.add(ControlRequests.scriptedResponse(r));
    }
    ScriptedResponse[] array = parsed.toArray(ScriptedResponse[]::new);
    if (id == null || id.isNull()) {
      sandbox.scriptAll(array);
    } else if (id.isTextual()) {
      sandbox.script(id.asText(), array);
    } else {
      throw new IllegalArgumentException("distinct_id must be a string or null");
    }
    return Reply.json(200, Json.object().put("queued", parsed.size()));
  }

  private static Reply only(String method, String allowed, java.util.function.Supplier<Reply> ok) {
    return method.equals(allowed) ? ok.get() : methodNotAllowed(allowed);
  }

  private static Reply methodNotAllowed(String allow) {
    return error(405, "method not allowed").withHeader("Allow", allow);
  }

  private static Reply error(int status, String message) {
    return Reply.json(status, Json.object().put("error", message));
  }
}
