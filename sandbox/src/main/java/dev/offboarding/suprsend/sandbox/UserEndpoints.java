package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET}, {@code POST} and the plain {@code DELETE} of {@code /v1/user/{id}/}, answering with
 * the user API's error bodies ({@code {"code","message"}}).
 */
final class UserEndpoints {

  private final SandboxState state;
  private final Recordings recordings;

  UserEndpoints(SandboxState state, Recordings recordings) {
    this.state = state;
    this.recordings = recordings;
  }

  /** 204 when the user was there and is gone now, else SuprSend's JSON user-not-found 404. */
  Reply delete(String id) {
    if (state.delete(id)) {
      recordings.countDelete();
      return Reply.empty(204);
    }
    return notFound(id);
  }

  Reply get(String id) {
    ObjectNode profile = state.profile(id);
    return profile == null ? notFound(id) : Reply.json(200, profile);
  }

  Reply upsert(String id, byte[] body) {
    JsonNode props = null;
    if (body.length > 0) {
      try {
        props = Json.parse(body);
      } catch (IllegalArgumentException e) {
        return error(400, "invalid JSON body");
      }
      if (!props.isObject()) {
        return error(400, "body must be a JSON object");
      }
    }
    return Reply.json(201, state.upsert(id, props));
  }

  /** SuprSend's documented 404 for a user that does not exist. */
  static Reply notFound(String id) {
    ObjectNode err =
        Json.object().put("code", 404).put("message", "user [distinct_id: '" + id + "'] not found");
    return Reply.json(404, err);
  }

  /** The user API's error body. */
  static Reply error(int status, String message) {
    return Reply.json(status, Json.object().put("code", status).put("message", message));
  }
}
