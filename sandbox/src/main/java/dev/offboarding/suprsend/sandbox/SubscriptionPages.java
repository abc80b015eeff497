package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/user/{id}/subscribed_to/list/}: the lists a user is in, in cursor pages ({@code
 * limit}, {@code after}, {@code before}) with SuprSend's {@code meta} block.
 */
final class SubscriptionPages {

  private static final int DEFAULT_PAGE = 10;
  private static final int MAX_PAGE = 100;

  private final SandboxState state;

  SubscriptionPages(SandboxState state) {
    this.state = state;
  }

  Reply page(String id, String rawQuery) {
    Map<String, String> query = parseQuery(rawQuery);
    int limit = DEFAULT_PAGE;
    if (query.containsKey("limit")) {
      try {
        limit = Integer.parseInt(query.get("limit"));
      } catch (NumberFormatException e) {
        return UserEndpoints.error(400, "limit must be an integer");
      }
      if (limit < 1) {
        return UserEndpoints.error(400, "limit must be >= 1");
      }
      limit = Math.min(limit, MAX_PAGE);
    }
    List<SandboxState.Subscription> all = state.subscriptions(id);
    if (all == null) {
      return UserEndpoints.notFound(id);
    }
    int start;
    int end;
    try {
      if (query.get("after") != null) {
        start = firstIndexAfter(all, PageCursor.decode(query.get("after")), false);
        end = Math.min(all.size(), start + limit);
      } else if (query.get("before") != null) {
        end = firstIndexAfter(all, PageCursor.decode(query.get("before")), true);
        start = Math.max(0, end - limit);
      } else {
        start = 0;
        end = Math.min(all.size(), limit);
      }
    } catch (IllegalArgumentException e) {
      return UserEndpoints.error(400, "invalid cursor");
    }
    return Reply.json(200, pageJson(all, start, end, limit));
  }

  private static ObjectNode pageJson(
      List<SandboxState.Subscription> all, int start, int end, int limit) {
    List<SandboxState.Subscription> page = all.subList(start, end);
    boolean hasPrev = start > 0;
    boolean hasNext = end < all.size();
    ObjectNode meta = Json.object();
    meta.put("count", all.size());
    meta.put("limit", limit);
    meta.put("has_prev", hasPrev);
    meta.put("before", hasPrev && !page.isEmpty() ? PageCursor.encode(page.get(0)) : null);
    meta.put("has_next", hasNext);
    meta.put(
        "after", hasNext && !page.isEmpty() ? PageCursor.encode(page.get(page.size() - 1)) : null);
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
    return out;
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

  /** The query's parameters, the first value of each; malformed pairs are left out. */
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
}
