package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/subscriber_list/{list_id}/subscriber/add/} and {@code .../remove/}, answering
 * with the subscriber-list API's error bodies ({@code {"code","error_code","type","message",
 * "detail"}}).
 */
final class ListMembership {

  private final SandboxState state;

  ListMembership(SandboxState state) {
    this.state = state;
  }

  Reply change(String listId, boolean add, byte[] body) {
    JsonNode node;
    try {
      node = Json.parse(body);
    } catch (IllegalArgumentException e) {
      return error(400, "bad_request", "ValidationError", "invalid JSON body", "body must be JSON");
    }
    JsonNode ids = node.isObject() ? node.get("distinct_ids") : null;
    if (ids == null || !ids.isArray() || ids.isEmpty()) {
      return error(
          400,
          "bad_request",
          "ValidationError",
          "distinct_ids: this field is required",
          "distinct_ids must be a non-empty array of strings");
    }
    List<String> distinctIds = new ArrayList<>(ids.size());
    for (JsonNode id : ids) {
      if (!id.isTextual() || id.asText().isEmpty()) {
        return error(
            400,
            "bad_request",
            "ValidationError",
            "distinct_ids: invalid value",
            "each distinct_id must be a non-empty string");
      }
      distinctIds.add(id.asText());
    }
    int affected =
        add ? state.addToList(listId, distinctIds) : state.removeFromList(listId, distinctIds);
    if (affected < 0) {
      return error(
          404,
          "not_found",
          "NotFound",
          "list [list_id: '" + listId + "'] not found",
          "no subscriber list with this id");
    }
    return Reply.json(201, Json.object().put("success", true).put("affected_count", affected));
  }

  private static Reply error(
      int status, String errorCode, String type, String message, String detail) {
    ObjectNode err = Json.object();
    err.put("code", status);
    err.put("error_code", errorCode);
    err.put("type", type);
    err.put("message", message);
    err.put("detail", detail);
    return Reply.json(status, err);
  }
}
