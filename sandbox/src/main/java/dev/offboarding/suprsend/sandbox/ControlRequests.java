package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the control plane's request bodies; every problem is an {@link IllegalArgumentException}
 * whose message the caller answers with 400.
 */
final class ControlRequests {

  private ControlRequests() {}

  /** One entry of {@code POST /_sandbox/script}'s {@code responses}. */
  static ScriptedResponse scriptedResponse(JsonNode r) {
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

  /**
   * Applies {@code POST /_sandbox/config}: latency, rate limit, fault rate (with seed) and API key;
   * nothing is applied unless everything is valid.
   */
  static void configure(SuprSendSandbox sandbox, byte[] body) {
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

  /** A JSON array of non-empty strings; a missing one is empty unless {@code required}. */
  static List<String> strings(JsonNode node, String field, boolean required) {
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
}
