package dev.offboarding.suprsend.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ControlPlaneTest extends SandboxTestBase {

  @Test
  void healthNeedsNoAuth() throws Exception {
    HttpResponse<String> r = control("GET", "/_sandbox/health", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r)).isEqualTo(json("{\"status\":\"ok\"}"));
    assertThat(sandbox.requests()).as("control calls are not API requests").isEmpty();
    assertThat(sandbox.stats().requests()).isZero();
  }

  @Test
  void seedsUsersAndListsAndLooksThemUp() throws Exception {
    HttpResponse<String> added =
        control(
            "POST",
            "/_sandbox/users",
            "{\"distinct_ids\":[\"a\",\"b/c\",\"😀\"],\"lists\":[\"l1\",\"l2\"]}");
    assertThat(added.statusCode()).isEqualTo(200);
    assertThat(json(added).get("added").asInt()).isEqualTo(3);
    assertThat(json(control("GET", "/_sandbox/users/count", null)).get("count").asInt())
        .isEqualTo(3);
    assertThat(sandbox.listsOf("b/c")).containsExactly("l1", "l2");

    HttpResponse<String> user = control("GET", "/_sandbox/users/" + enc("b/c"), null);
    assertThat(user.statusCode()).isEqualTo(200);
    assertThat(json(user).get("lists")).hasSize(2);
    assertThat(control("GET", "/_sandbox/users/" + enc("😀"), null).statusCode()).isEqualTo(200);
    assertThat(control("GET", "/_sandbox/users/ghost", null).statusCode()).isEqualTo(404);
    assertThat(control("POST", "/_sandbox/users", "{\"distinct_ids\":[1]}").statusCode())
        .isEqualTo(400);
    assertThat(control("POST", "/_sandbox/users", "junk").statusCode()).isEqualTo(400);
  }

  @Test
  void scriptsOverHttp() throws Exception {
    sandbox.addUsers(java.util.List.of("u1", "u2"));
    HttpResponse<String> queued =
        control(
            "POST",
            "/_sandbox/script",
            "{\"distinct_id\":\"u1\",\"responses\":[{\"status\":503,\"body\":\"HTML\","
                + "\"retry_after\":\"2\",\"delay_ms\":0,\"fault\":\"NONE\"},{\"fault\":\"CONNECTION_RESET\"}]}");
    assertThat(queued.statusCode()).isEqualTo(200);
    assertThat(
            control(
                    "POST",
                    "/_sandbox/script",
                    "{\"distinct_id\":null,\"responses\":[{\"status\":\"oops\"}]}")
                .statusCode())
        .isEqualTo(400);
    control(
        "POST",
        "/_sandbox/script",
        "{\"distinct_id\":null,\"responses\":[{\"status\":500,\"body\":\"plain_text\"}]}");

    HttpResponse<String> first = api("DELETE", "/v1/user/u1/");
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(first.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(first.body()).contains("nginx");
    try {
      api("DELETE", "/v1/user/u1/");
      throw new AssertionError("expected a dropped connection");
    } catch (IOException expected) {
      // the scripted reset
    }
    assertThat(api("DELETE", "/v1/user/u2/").body()).isEqualTo("upstream connect error");
    assertThat(api("DELETE", "/v1/user/u1/").statusCode()).isEqualTo(204);
  }

  @Test
  void configOverHttp() throws Exception {
    sandbox.addUser("u1");
    HttpResponse<String> r =
        control(
            "POST",
            "/_sandbox/config",
            "{\"latency_ms\":5,\"rate_limit\":1000,\"fault_rate\":0,\"seed\":1,\"api_key\":\"k2\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode cfg = json(r);
    assertThat(cfg.get("latency_ms").asInt()).isEqualTo(5);
    assertThat(cfg.get("rate_limit").asDouble()).isEqualTo(1000);
    assertThat(r.body()).doesNotContain("k2");
    assertThat(sandbox.apiKey()).isEqualTo("k2");
    assertThat(api("GET", "/v1/user/u1/", null, "k2").statusCode()).isEqualTo(200);

    assertThat(control("POST", "/_sandbox/config", "{\"fault_rate\":2}").statusCode())
        .isEqualTo(400);
    assertThat(control("POST", "/_sandbox/config", "{\"latency_ms\":-1}").statusCode())
        .isEqualTo(400);
    assertThat(json(control("GET", "/_sandbox/config", null)).get("latency_ms").asInt())
        .isEqualTo(5);
  }

  @Test
  void statsRequestsTriggersAndWebhooksOverHttp() throws Exception {
    sandbox.addUser("u1");
    api("DELETE", "/v1/user/u1/");
    api("DELETE", "/v1/user/u1/");
    api("DELETE", "/v1/user/u1/", null, "bad");
    api("POST", "/trigger/", "{\"workflow\":\"w\",\"recipients\":[\"ops\"]}");

    JsonNode stats = json(control("GET", "/_sandbox/stats", null));
    assertThat(stats.get("requests").asInt()).isEqualTo(4);
    assertThat(stats.at("/by_status/204").asInt()).isEqualTo(1);
    assertThat(stats.at("/by_status/404").asInt()).isEqualTo(1);
    assertThat(stats.at("/by_status/401").asInt()).isEqualTo(1);
    assertThat(stats.at("/by_status/202").asInt()).isEqualTo(1);
    assertThat(stats.get("deletes").asInt()).isEqualTo(1);
    assertThat(stats.get("rate_limited").asInt()).isZero();

    HttpResponse<String> requests = control("GET", "/_sandbox/requests", null);
    assertThat(requests.body()).doesNotContain(sandbox.apiKey());
    JsonNode list = json(requests);
    assertThat(list).hasSize(4);
    assertThat(list.get(0).at("/headers/authorization/0").asText()).isEqualTo("Bearer <redacted>");
    assertThat(list.get(0).get("distinct_id").asText()).isEqualTo("u1");
    assertThat(list.get(0).get("status").asInt()).isEqualTo(204);

    JsonNode triggers = json(control("GET", "/_sandbox/triggers", null));
    assertThat(triggers).hasSize(1);
    assertThat(triggers.get(0).at("/body/workflow").asText()).isEqualTo("w");

    HttpResponse<String> hook =
        HTTP.send(
            request("POST", "/_sandbox/webhook", "{\"event\":\"deleted\"}")
                .header("X-Signature", "abc")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(hook.statusCode()).isEqualTo(200);
    assertThat(sandbox.webhookUrl().toString()).isEqualTo(sandbox.baseUrl() + "/_sandbox/webhook");
    assertThat(sandbox.webhooks())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.body()).isEqualTo("{\"event\":\"deleted\"}");
              assertThat(w.header("x-signature")).isEqualTo("abc");
            });
    JsonNode hooks = json(control("GET", "/_sandbox/webhooks", null));
    assertThat(hooks.get(0).get("body").asText()).isEqualTo("{\"event\":\"deleted\"}");

    assertThat(control("DELETE", "/_sandbox/requests", null).statusCode()).isEqualTo(200);
    assertThat(sandbox.requests()).isEmpty();
    assertThat(control("POST", "/_sandbox/reset", null).statusCode()).isEqualTo(200);
    assertThat(sandbox.stats().requests()).isZero();
    assertThat(sandbox.triggers()).isEmpty();
  }

  @Test
  void unknownControlEndpointsAndWrongMethods() throws Exception {
    HttpResponse<String> unknown = control("GET", "/_sandbox/nope", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(contentType(unknown)).startsWith("application/json");
    assertThat(control("POST", "/_sandbox/health", "{}").statusCode()).isEqualTo(405);
    assertThat(control("GET", "/_sandbox/users", null).statusCode()).isEqualTo(405);
  }
}
