package dev.offboarding.suprsend.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriberListTest extends SandboxTestBase {

  @Test
  void pagesThroughAllListsWithCursors() throws Exception {
    sandbox.addUser("u/1");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String list = String.format("list-%02d", i);
      sandbox.subscribe("u/1", list);
      expected.add(list);
    }
    String base = "/v1/user/" + enc("u/1") + "/subscribed_to/list/";

    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    while (true) {
      HttpResponse<String> r =
          api("GET", base + "?limit=10" + (after == null ? "" : "&after=" + after));
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode body = json(r);
      JsonNode meta = body.get("meta");
      assertThat(meta.get("count").asInt()).isEqualTo(25);
      assertThat(meta.get("limit").asInt()).isEqualTo(10);
      assertThat(meta.get("has_prev").asBoolean()).isEqualTo(pages > 0);
      for (JsonNode item : body.get("results")) {
        seen.add(item.get("list_id").asText());
        assertThat(item.get("list_name").asText()).isEqualTo(item.get("list_id").asText());
        assertThat(item.get("subscribed_at").asText()).isNotBlank();
      }
      pages++;
      if (!meta.get("has_next").asBoolean()) {
        assertThat(meta.get("after").isNull()).isTrue();
        break;
      }
      after = meta.get("after").asText();
      assertThat(pages).isLessThan(10);
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
  }

  @Test
  void beforeCursorGoesBack() throws Exception {
    sandbox.addUser("u");
    for (int i = 0; i < 5; i++) {
      sandbox.subscribe("u", "l" + i);
    }
    String base = "/v1/user/u/subscribed_to/list/";
    JsonNode first = json(api("GET", base + "?limit=2"));
    JsonNode second = json(api("GET", base + "?limit=2&after=" + first.at("/meta/after").asText()));
    assertThat(second.at("/meta/has_prev").asBoolean()).isTrue();
    JsonNode back =
        json(api("GET", base + "?limit=2&before=" + second.at("/meta/before").asText()));
    assertThat(back.get("results")).isEqualTo(first.get("results"));
    assertThat(back.at("/meta/has_prev").asBoolean()).isFalse();
  }

  @Test
  void defaultAndMaximumLimitAndErrors() throws Exception {
    sandbox.addUser("u");
    for (int i = 0; i < 120; i++) {
      sandbox.subscribe("u", "l" + i);
    }
    String base = "/v1/user/u/subscribed_to/list/";
    assertThat(json(api("GET", base)).get("results")).hasSize(10);
    JsonNode big = json(api("GET", base + "?limit=500"));
    assertThat(big.get("results")).hasSize(100);
    assertThat(big.at("/meta/limit").asInt()).isEqualTo(100);
    assertThat(api("GET", base + "?limit=abc").statusCode()).isEqualTo(400);
    assertThat(api("GET", base + "?limit=0").statusCode()).isEqualTo(400);
    assertThat(api("GET", base + "?after=!!!").statusCode()).isEqualTo(400);
    assertThat(api("GET", base + "?after=bm90LWEtY3Vyc29y").statusCode()).isEqualTo(400);

    HttpResponse<String> unknown = api("GET", "/v1/user/ghost/subscribed_to/list/");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("message").asText())
        .isEqualTo("user [distinct_id: 'ghost'] not found");
    assertThat(api("POST", base, "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void emptyUserHasAnEmptyFirstPage() throws Exception {
    sandbox.addUser("u");
    JsonNode page = json(api("GET", "/v1/user/u/subscribed_to/list/"));
    assertThat(page.get("results")).isEmpty();
    assertThat(page.at("/meta/count").asInt()).isZero();
    assertThat(page.at("/meta/has_next").asBoolean()).isFalse();
    assertThat(page.at("/meta/before").isNull()).isTrue();
  }

  @Test
  void addAndRemoveAreIdempotent() throws Exception {
    sandbox.addUsers(List.of("a", "b"));
    String add = "/v1/subscriber_list/" + enc("team/news") + "/subscriber/add/";
    String remove = "/v1/subscriber_list/" + enc("team/news") + "/subscriber/remove/";
    String body = "{\"distinct_ids\":[\"a\",\"b\"]}";

    HttpResponse<String> first = api("POST", add, body);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(json(first)).isEqualTo(json("{\"success\":true,\"affected_count\":2}"));
    assertThat(json(api("POST", add, body)).get("affected_count").asInt()).isZero();
    assertThat(sandbox.listsOf("a")).isEqualTo(Set.of("team/news"));

    HttpResponse<String> removed = api("POST", remove, "{\"distinct_ids\":[\"a\"]}");
    assertThat(removed.statusCode()).isEqualTo(201);
    assertThat(json(removed).get("affected_count").asInt()).isEqualTo(1);
    assertThat(
            json(api("POST", remove, "{\"distinct_ids\":[\"a\"]}")).get("affected_count").asInt())
        .isZero();
    assertThat(sandbox.listsOf("a")).isEmpty();
    assertThat(sandbox.listsOf("b")).containsExactly("team/news");
  }

  @Test
  void badBodiesGetTheListErrorShape() throws Exception {
    String add = "/v1/subscriber_list/l/subscriber/add/";
    for (String body :
        new String[] {
          "",
          "not json",
          "{}",
          "{\"distinct_ids\":[]}",
          "{\"distinct_ids\":[1]}",
          "{\"distinct_ids\":\"a\"}"
        }) {
      HttpResponse<String> r = api("POST", add, body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      JsonNode err = json(r);
      assertThat(err.get("code").asInt()).isEqualTo(400);
      assertThat(err.get("error_code").asText()).isEqualTo("bad_request");
      assertThat(err.get("type").asText()).isEqualTo("ValidationError");
      assertThat(err.hasNonNull("message")).isTrue();
      assertThat(err.hasNonNull("detail")).isTrue();
    }
  }

  @Test
  void removingFromAnUnknownListIs404() throws Exception {
    HttpResponse<String> r =
        api("POST", "/v1/subscriber_list/nope/subscriber/remove/", "{\"distinct_ids\":[\"a\"]}");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error_code").asText()).isEqualTo("not_found");
  }

  @Test
  void deletingAUserRemovesItFromEveryList() throws Exception {
    sandbox.subscribe("a", "l1");
    sandbox.subscribe("a", "l2");
    sandbox.subscribe("b", "l1");
    assertThat(api("DELETE", "/v1/user/a/").statusCode()).isEqualTo(204);
    assertThat(
            json(api(
                    "POST",
                    "/v1/subscriber_list/l1/subscriber/remove/",
                    "{\"distinct_ids\":[\"a\",\"b\"]}"))
                .get("affected_count")
                .asInt())
        .isEqualTo(1);
  }
}
