package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
          configure(body);
        } else if (!method.equals("GET")) {
          return methodNotAllowed("GET, POST");
        }
        return Reply.json(200, faults.configJson().put("api_key_set", true));
      case "/stats":
        return only(method, "GET", () -> Reply.json(200, statsJson(sandbox.stats())));
      case "/requests":
        if (method.equals("DELETE")) {
          sandbox.clearRequests();
          return Reply.json(200, Json.object().put("cleared", true));
        }
        return only(method, "GET", () -> Reply.json(200, requestsJson(sandbox.requests())));
      case "/triggers":
        return only(method, "GET", () -> Reply.json(200, triggersJson(sandbox.triggers())));
      case "/webhooks":
        return only(method, "GET", () -> Reply.json(200, webhooksJson(sandbox.webhooks())));
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
    List<String> ids = strings(node.get("distinct_ids"), "distinct_ids", true);
    List<String> lists = strings(node.get("lists"), "lists", false);
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
      parsed.add(parseScripted(r));
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

  static ScriptedResponse parseScripted(JsonNode r) {
    if (!r.isObject()) {
      throw new IllegalArgumentException("each response must be an object");
    }
    ScriptedResponse.Fault fault =
        r.hasNonNull("fault")
            ? enumValue(ScriptedResponse.Fault.class, r.get("fault").asText(), "fault")
            : ScriptedResponse.Fault.NONE;
    int status;
    if (r.hasNonNull("status")) {
      if (!r.get("status").canConvertToInt()) {
        throw new IllegalArgumentException("status must be an integer");
      }
      status = r.get("status").asInt();
    } else {
      status = fault == ScriptedResponse.Fault.CONNECTION_RESET ? 0 : 200;
    }
    ScriptedResponse base =
        status == 0
            ? new ScriptedResponse(0, null, null, null, fault)
            : ScriptedResponse.status(status).withFault(fault);
    if (r.hasNonNull("body")) {
      base =
          base.withBody(enumValue(ScriptedResponse.BodyKind.class, r.get("body").asText(), "body"));
    }
    if (r.hasNonNull("retry_after")) {
      base = base.withRetryAfter(r.get("retry_after").asText());
    }
    if (r.hasNonNull("delay_ms")) {
      long ms = r.get("delay_ms").asLong(-1);
      if (ms < 0) {
        throw new IllegalArgumentException("delay_ms must be a non-negative integer");
      }
      base = base.withDelay(Duration.ofMillis(ms));
    }
    return base;
  }

  private void configure(byte[] body) {
    JsonNode node = Json.parse(body);
    if (!node.isObject()) {
      throw new IllegalArgumentException("config must be a JSON object");
    }
    // validate everything before applying anything
    Duration latency = null;
    if (node.hasNonNull("latency_ms")) {
      long ms = node.get("latency_ms").asLong(-1);
      if (ms < 0) {
        throw new IllegalArgumentException("latency_ms must be a non-negative integer");
      }
      latency = Duration.ofMillis(ms);
    }
    Double rate = null;
    if (node.hasNonNull("rate_limit")) {
      rate = number(node.get("rate_limit"), "rate_limit");
      if (rate < 0) {
        throw new IllegalArgumentException("rate_limit must be >= 0");
      }
    }
    Double faultRate = null;
    if (node.hasNonNull("fault_rate")) {
      faultRate = number(node.get("fault_rate"), "fault_rate");
      if (faultRate < 0 || faultRate > 1) {
        throw new IllegalArgumentException("fault_rate must be within 0..1");
      }
    }
    long seed = node.hasNonNull("seed") ? node.get("seed").asLong() : System.nanoTime();
    String apiKey = null;
    if (node.hasNonNull("api_key")) {
      apiKey = node.get("api_key").asText();
      if (apiKey.isBlank()) {
        throw new IllegalArgumentException("api_key must not be blank");
      }
    }
    if (latency != null) {
      sandbox.setLatency(latency);
    }
    if (rate != null) {
      sandbox.setRateLimit(rate);
    }
    if (faultRate != null) {
      sandbox.setFaultRate(faultRate, seed);
    }
    if (apiKey != null) {
      sandbox.setApiKey(apiKey);
    }
  }

  static ObjectNode statsJson(SandboxStats stats) {
    ObjectNode out = Json.object();
    out.put("requests", stats.requests());
    ObjectNode byStatus = out.putObject("by_status");
    stats.byStatus().forEach((k, v) -> byStatus.put(Integer.toString(k), v));
    out.put("rate_limited", stats.rateLimited());
    out.put("deletes", stats.deletes());
    return out;
  }

  private static ArrayNode requestsJson(List<RecordedRequest> requests) {
    ArrayNode out = Json.array();
    for (RecordedRequest r : requests) {
      ObjectNode o = out.addObject();
      o.put("at", r.at().toString());
      o.put("method", r.method());
      o.put("raw_path", r.rawPath());
      o.put("distinct_id", r.decodedDistinctId());
      o.set("headers", headersJson(r.redactedHeaders()));
      o.put("body", r.body());
      o.put("status", r.status());
    }
    return out;
  }

  private static ArrayNode triggersJson(List<TriggerCall> triggers) {
    ArrayNode out = Json.array();
    for (TriggerCall t : triggers) {
      ObjectNode o = out.addObject();
      o.put("at", t.at().toString());
      o.set("body", t.body());
      o.put("status", t.status());
    }
    return out;
  }

  private static ArrayNode webhooksJson(List<WebhookCall> webhooks) {
    ArrayNode out = Json.array();
    for (WebhookCall w : webhooks) {
      ObjectNode o = out.addObject();
      o.put("at", w.at().toString());
      o.set("headers", headersJson(RecordedRequest.redact(w.headers())));
      o.put("body", w.body());
    }
    return out;
  }

  private static ObjectNode headersJson(Map<String, List<String>> headers) {
    ObjectNode out = Json.object();
    headers.forEach(
        (name, values) -> {
          ArrayNode array = out.putArray(name);
          values.forEach(array::add);
        });
    return out;
  }

  private static List<String> strings(JsonNode node, String field, boolean required) {
    if (node == null || node.isNull()) {
      if (required) {
        throw new IllegalArgumentException(field + " is required");
      }
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(field + " must be an array of strings");
    }
    List<String> out = new ArrayList<>(node.size());
    for (JsonNode n : node) {
      if (!n.isTextual() || n.asText().isEmpty()) {
        throw new IllegalArgumentException(field + " must hold non-empty strings");
      }
      out.add(n.asText());
    }
    return out;
  }

  private static double number(JsonNode node, String field) {
    if (!node.isNumber()) {
      throw new IllegalArgumentException(field + " must be a number");
    }
    return node.asDouble();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown " + field + ": " + value, e);
    }
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
