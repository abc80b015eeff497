package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /trigger/}: validates the body as SuprSend does, honours {@code $idempotency_key},
 * and (as SuprSend does) upserts inline recipients, which re-creates a deleted user.
 */
final class TriggerEndpoint {

  private static final int MAX_RECIPIENTS = 100;

  private final SandboxState state;

  TriggerEndpoint(SandboxState state) {
    this.state = state;
  }

  Reply trigger(byte[] body) {
    JsonNode node;
    try {
      node = Json.parse(body);
    } catch (IllegalArgumentException e) {
      return fail("invalid JSON body");
    }
    if (!node.isObject()) {
      return fail("body must be a JSON object");
    }
    JsonNode workflow = node.get("workflow");
    if (workflow == null || !workflow.isTextual() || workflow.asText().isBlank()) {
      return fail("workflow: this field is required and must be a string");
    }
    JsonNode recipients = node.get("recipients");
    if (recipients == null
        || !recipients.isArray()
        || recipients.isEmpty()
        || recipients.size() > MAX_RECIPIENTS) {
      return fail("recipients: must be an array of 1 to " + MAX_RECIPIENTS + " recipients");
    }
    List<JsonNode> inline = new ArrayList<>();
    for (int i = 0; i < recipients.size(); i++) {
      JsonNode r = recipients.get(i);
      if (r.isTextual() && !r.asText().isEmpty()) {
        continue;
      }
      JsonNode id = r.isObject() ? r.get("distinct_id") : null;
      if (id == null || !id.isTextual() || id.asText().isEmpty()) {
        return fail("recipients[" + i + "]: distinct_id is required");
      }
      inline.add(r);
    }
    String messageId = UUID.randomUUID().toString();
    JsonNode key = node.get("$idempotency_key");
    if (key != null && key.isTextual()) {
      String previous = state.rememberIdempotencyKey(key.asText(), messageId);
      if (previous != null) {
        // a repeat inside the idempotency window: accepted again, nothing happens twice
        return accepted(previous);
      }
    }
    for (JsonNode r : inline) {
      // inline recipient properties upsert (and so re-create) the user, as in SuprSend
      ObjectNode props = ((ObjectNode) r).deepCopy();
      props.remove("distinct_id");
      state.upsert(r.get("distinct_id").asText(), props);
    }
    return accepted(messageId);
  }

  /** The body as recorded: its JSON, or the raw text when it is not JSON. */
  static JsonNode recorded(byte[] body) {
    try {
      return Json.parse(body);
    } catch (IllegalArgumentException e) {
      return TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
    }
  }

  private static Reply accepted(String messageId) {
    return Reply.json(202, Json.object().put("message_id", messageId).put("status", "success"));
  }

  private static Reply fail(String message) {
    return Reply.json(400, Json.object().put("status", "fail").put("message", message));
  }
}
