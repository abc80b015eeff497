package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** What the control plane shows of the recordings: stats, requests, triggers, webhook calls. */
final class RecordingsJson {

  private RecordingsJson() {}

  static ObjectNode stats(SandboxStats stats) {
    ObjectNode out = Json.object();
    out.put("requests", stats.requests());
    ObjectNode byStatus = out.putObject("by_status");
    stats.byStatus().forEach((k, v) -> byStatus.put(Integer.toString(k), v));
    out.put("rate_limited", stats.rateLimited());
    out.put("deletes", stats.deletes());
    return out;
  }

  static ArrayNode requests(List<RecordedRequest> requests) {
    ArrayNode out = Json.array();
    for (RecordedRequest r : requests) {
      ObjectNode o = out.addObject();
      o.put("at", r.at().toString());
      o.put("method", r.method());
      o.put("raw_path", r.rawPath());
      o.put("distinct_id", r.decodedDistinctId());
      o.set("headers", headers(r.redactedHeaders()));
      o.put("body", r.body());
      o.put("status", r.status());
    }
    return out;
  }

  static ArrayNode triggers(List<TriggerCall> triggers) {
    ArrayNode out = Json.array();
    for (TriggerCall t : triggers) {
      ObjectNode o = out.addObject();
      o.put("at", t.at().toString());
      o.set("body", t.body());
      o.put("status", t.status());
    }
    return out;
  }

  static ArrayNode webhooks(List<WebhookCall> webhooks) {
    ArrayNode out = Json.array();
    for (WebhookCall w : webhooks) {
      ObjectNode o = out.addObject();
      o.put("at", w.at().toString());
      o.set("headers", headers(RecordedRequest.redact(w.headers())));
      o.put("body", w.body());
    }
    return out;
  }

  private static ObjectNode headers(Map<String, List<String>> headers) {
    ObjectNode out = Json.object();
    headers.forEach(
        (name, values) -> {
          ArrayNode array = out.putArray(name);
          values.forEach(array::add);
        });
    return out;
  }
}
