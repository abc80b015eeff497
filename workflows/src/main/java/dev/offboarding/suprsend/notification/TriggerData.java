package dev.offboarding.suprsend.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.suprsend.client.PathSegment;
import dev.offboarding.suprsend.contract.IdScheme;

/**
 * The {@code data} of a SuprSend trigger: what the internal recipients' templates need (which
 * event, whose offboarding, how it stands), not the audit record, which stays in Temporal and the
 * webhook. When the run's workflow id is hashed ({@code OFFBOARDING_ID_SCHEME=sha256}) the user is
 * named by the same hash, and the id is taken out of the detail text too: a notification to people
 * is no place for the id of a person being erased.
 */
final class TriggerData {

  /** Copied as they are from the event. */
  private static final String[] EVENT_FIELDS = {"type", "id", "time", "workflowId", "state"};

  /** Copied from the event's receipt (or digest of it). */
  private static final String[] RECEIPT_FIELDS = {"outcome", "dueBy"};

  private TriggerData() {}

  /** The trigger data for {@code notice}, whose body has been read as {@code event}. */
  static ObjectNode of(Notice notice, JsonNode event, ObjectMapper json) {
    String workflowId = event.path("workflowId").asText(null);
    IdScheme scheme = IdScheme.of(workflowId, notice.distinctId());
    ObjectNode data = json.createObjectNode();
    copy(event, data, EVENT_FIELDS);
    data.put("distinctId", scheme.shownId(notice.distinctId()));
    copy(event.path("receipt"), data, RECEIPT_FIELDS);
    JsonNode detail = event.get("detail");
    if (detail != null && detail.isTextual()) {
      data.put(
          "detail", scheme == IdScheme.PLAIN ? detail.textValue() : hide(detail, notice, scheme));
    }
    return data;
  }

  private static void copy(JsonNode from, ObjectNode to, String[] fields) {
    for (String field : fields) {
      JsonNode value = from.get(field);
      if (value != null && !value.isNull()) {
        to.set(field, value);
      }
    }
  }

  /** The detail with the user's id, as it is and percent-encoded, replaced by its shown form. */
  private static String hide(JsonNode detail, Notice notice, IdScheme scheme) {
    String id = notice.distinctId();
    String shown = scheme.shownId(id);
    return detail.textValue().replace(id, shown).replace(PathSegment.encode(id), shown);
  }
}
