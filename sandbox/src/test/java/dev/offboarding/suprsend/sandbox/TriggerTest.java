package dev.offboarding.suprsend.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class TriggerTest extends SandboxTestBase {

  @Test
  void acceptsAndRecordsAValidTrigger() throws Exception {
    String body =
        "{\"workflow\":\"user-deleted\",\"recipients\":[\"ops-team\"],"
            + "\"data\":{\"deleted\":\"u1\"},\"$idempotency_key\":\"del-u1\"}";
    HttpResponse<String> r = api("POST", "/trigger/", body);
    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode answer = json(r);
    assertThat(answer.get("status").asText()).isEqualTo("success");
    assertThat(java.util.UUID.fromString(answer.get("message_id").asText())).isNotNull();

    assertThat(sandbox.triggers()).hasSize(1);
    TriggerCall call = sandbox.triggers().get(0);
    assertThat(call.status()).isEqualTo(202);
    assertThat(call.workflow()).isEqualTo("user-deleted");
    assertThat(call.idempotencyKey()).isEqualTo("del-u1");
    assertThat(call.body().at("/data/deleted").asText()).isEqualTo("u1");
    // a string recipient does not create a user
    assertThat(sandbox.hasUser("ops-team")).isFalse();
  }

  @Test
  void rejectsInvalidBodiesWithTheTriggerErrorShape() throws Exception {
    StringBuilder tooMany = new StringBuilder("[");
    for (int i = 0; i < 101; i++) {
      tooMany.append(i == 0 ? "" : ",").append("\"r").append(i).append('"');
    }
    tooMany.append(']');
    String[] bodies = {
      "",
      "nope",
      "[]",
      "{\"recipients\":[\"a\"]}",
      "{\"workflow\":5,\"recipients\":[\"a\"]}",
      "{\"workflow\":\"w\"}",
      "{\"workflow\":\"w\",\"recipients\":[]}",
      "{\"workflow\":\"w\",\"recipients\":\"a\"}",
      "{\"workflow\":\"w\",\"recipients\":[{\"name\":\"x\"}]}",
      "{\"workflow\":\"w\",\"recipients\":[7]}",
      "{\"workflow\":\"w\",\"recipients\":" + tooMany + "}"
    };
    for (String body : bodies) {
      HttpResponse<String> r = api("POST", "/trigger/", body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(json(r).get("status").asText()).isEqualTo("fail");
      assertThat(json(r).get("message").asText()).isNotBlank();
    }
    assertThat(sandbox.triggers()).hasSize(bodies.length).allMatch(t -> t.status() == 400);
    assertThat(sandbox.triggers().get(1).body().asText()).isEqualTo("nope");
  }

  @Test
  void hundredRecipientsIsTheMaximumAccepted() throws Exception {
    StringBuilder list = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      list.append(i == 0 ? "" : ",").append("\"r").append(i).append('"');
    }
    list.append(']');
    assertThat(
            api("POST", "/trigger/", "{\"workflow\":\"w\",\"recipients\":" + list + "}")
                .statusCode())
        .isEqualTo(202);
  }

  @Test
  void inlineRecipientObjectRecreatesADeletedUser() throws Exception {
    sandbox.addUser("u1");
    assertThat(api("DELETE", "/v1/user/u1/").statusCode()).isEqualTo(204);
    assertThat(sandbox.hasUser("u1")).isFalse();

    String body =
        "{\"workflow\":\"goodbye\",\"recipients\":[{\"distinct_id\":\"u1\",\"$email\":[\"u1@example.com\"]}]}";
    assertThat(api("POST", "/trigger/", body).statusCode()).isEqualTo(202);
    assertThat(sandbox.hasUser("u1")).as("the re-creation pitfall is emulated").isTrue();
    assertThat(json(api("GET", "/v1/user/u1/")).at("/properties/$email/0").asText())
        .isEqualTo("u1@example.com");
  }

  @Test
  void repeatedIdempotencyKeyIsAcceptedOnceOnly() throws Exception {
    String body =
        "{\"workflow\":\"w\",\"recipients\":[{\"distinct_id\":\"x\"}],\"$idempotency_key\":\"k1\"}";
    HttpResponse<String> first = api("POST", "/trigger/", body);
    assertThat(sandbox.hasUser("x")).isTrue();
    assertThat(api("DELETE", "/v1/user/x/").statusCode()).isEqualTo(204);
    HttpResponse<String> second = api("POST", "/trigger/", body);
    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(json(second).get("message_id")).isEqualTo(json(first).get("message_id"));
    assertThat(sandbox.hasUser("x")).as("a duplicate does not run twice").isFalse();
    assertThat(sandbox.triggers()).hasSize(2);
  }

  @Test
  void triggerNeedsAuthAndPost() throws Exception {
    HttpResponse<String> r =
        api("POST", "/trigger/", "{\"workflow\":\"w\",\"recipients\":[\"a\"]}", "bad");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(sandbox.triggers()).singleElement().extracting(TriggerCall::status).isEqualTo(401);
    assertThat(api("GET", "/trigger/").statusCode()).isEqualTo(405);
  }
}
