package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;

/**
 * One {@code POST /trigger/} call.
 *
 * @param at when it was answered
 * @param body the JSON body as sent (a JSON string node holding the raw text when it was not JSON)
 * @param status the status answered (202 accepted, 400 invalid, 401, 429...)
 */
public record TriggerCall(Instant at, JsonNode body, int status) {

  /** Defensive copy of the body. */
  public TriggerCall {
    body = body == null ? NullNode.getInstance() : body.deepCopy();
  }

  /** The body's {@code $idempotency_key}, or null. */
  public String idempotencyKey() {
    JsonNode key = body.get("$idempotency_key");
    return key == null || !key.isTextual() ? null : key.asText();
  }

  /** The body's {@code workflow} slug, or null. */
  public String workflow() {
    JsonNode wf = body.get("workflow");
    return wf == null || !wf.isTextual() ? null : wf.asText();
  }

  /** Returns a copy, so that callers cannot change the recorded body. */
  @Override
  public JsonNode body() {
    return body.deepCopy();
  }
}
