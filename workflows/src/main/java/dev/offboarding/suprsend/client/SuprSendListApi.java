package dev.offboarding.suprsend.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.List;
import java.util.Map;

/**
 * SuprSend's subscriber-list API, as far as suspension needs it. Build it with {@link
 * SuprSendClients#listApi}, which wires auth, error decoding, timeouts and the no-retry policy.
 * Non-2xx answers are raised as {@link SuprSendApiException}.
 */
@Headers({"Accept: application/json", "Content-Type: application/json"})
public interface SuprSendListApi {

  /**
   * {@code GET /v1/user/{distinct_id}/subscribed_to/list/}: one cursor page of the lists the user
   * is in. Pass {@code limit} and, from the second page on, {@code after}.
   */
  @RequestLine(value = "GET /v1/user/{distinct_id}/subscribed_to/list/", decodeSlash = false)
  ListPage subscribedLists(
      @Param(value = "distinct_id", expander = PathSegment.class, encoded = true) String distinctId,
      @QueryMap Map<String, Object> query);

  /** {@code POST /v1/subscriber_list/{list_id}/subscriber/remove/}. */
  @RequestLine(value = "POST /v1/subscriber_list/{list_id}/subscriber/remove/", decodeSlash = false)
  ListChange remove(
      @Param(value = "list_id", expander = PathSegment.class, encoded = true) String listId,
      DistinctIds body);

  /** {@code POST /v1/subscriber_list/{list_id}/subscriber/add/}. */
  @RequestLine(value = "POST /v1/subscriber_list/{list_id}/subscriber/add/", decodeSlash = false)
  ListChange add(
      @Param(value = "list_id", expander = PathSegment.class, encoded = true) String listId,
      DistinctIds body);

  /** The body of add and remove: {@code {"distinct_ids": [...]}}. */
  record DistinctIds(@JsonProperty("distinct_ids") List<String> distinctIds) {
    public static DistinctIds of(String distinctId) {
      return new DistinctIds(List.of(distinctId));
    }
  }

  /** The answer to add and remove: {@code {"success": true, "affected_count": N}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ListChange(
      @JsonProperty("success") boolean success,
      @JsonProperty("affected_count") int affectedCount) {}

  /** One page: {@code {"meta": {...}, "results": [{"list_id": ...}]}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ListPage(@JsonProperty("meta") Meta meta, @JsonProperty("results") List<Entry> results) {}

  /** A page's cursor metadata. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Meta(
      @JsonProperty("count") int count,
      @JsonProperty("has_next") boolean hasNext,
      @JsonProperty("after") String after) {}

  /** One list the user is in. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Entry(
      @JsonProperty("list_id") String listId, @JsonProperty("list_name") String listName) {}
}
