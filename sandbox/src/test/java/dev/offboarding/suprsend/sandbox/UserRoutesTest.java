package dev.offboarding.suprsend.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UserRoutesTest extends SandboxTestBase {

  @Test
  void missingWrongOrMalformedAuthorizationGetsThePlain401() throws Exception {
    sandbox.addUser("u1");
    for (String key : new String[] {null, "wrong-key", ""}) {
      HttpResponse<String> r = api("DELETE", "/v1/user/u1/", null, key);
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).isEqualTo("Not Authenticated - could not find Workspace details");
      assertThat(contentType(r)).startsWith("text/plain");
    }
    HttpResponse<String> basic =
        HTTP.send(
            request("DELETE", "/v1/user/u1/", null)
                .header("Authorization", "Basic " + sandbox.apiKey())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(sandbox.hasUser("u1")).isTrue();
  }

  @Test
  void bearerSchemeIsCaseInsensitive() throws Exception {
    sandbox.addUser("u1");
    HttpResponse<String> r =
        HTTP.send(
            request("GET", "/v1/user/u1/", null)
                .header("Authorization", "bearer " + sandbox.apiKey())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void rotatingTheKeyRevokesTheOldOne() throws Exception {
    sandbox.addUser("u1");
    String old = sandbox.apiKey();
    sandbox.setApiKey("rotated-key");
    assertThat(api("GET", "/v1/user/u1/", null, old).statusCode()).isEqualTo(401);
    assertThat(api("GET", "/v1/user/u1/", null, "rotated-key").statusCode()).isEqualTo(200);
    assertThat(sandbox.apiKey()).isEqualTo("rotated-key");
  }

  @Test
  void deleteAnswers204ThenTheDocumented404() throws Exception {
    sandbox.addUser("user1");
    sandbox.subscribe("user1", "news");

    HttpResponse<String> first = api("DELETE", "/v1/user/user1/");
    assertThat(first.statusCode()).isEqualTo(204);
    assertThat(first.body()).isEmpty();
    assertThat(sandbox.hasUser("user1")).isFalse();
    assertThat(sandbox.listsOf("user1")).isEmpty();

    HttpResponse<String> second = api("DELETE", "/v1/user/user1/");
    assertThat(second.statusCode()).isEqualTo(404);
    assertThat(contentType(second)).startsWith("application/json");
    assertThat(json(second))
        .isEqualTo(json("{\"code\":404,\"message\":\"user [distinct_id: 'user1'] not found\"}"));
    assertThat(sandbox.stats().deletes()).isEqualTo(1);
  }

  @Test
  void getAndUpsertUser() throws Exception {
    assertThat(api("GET", "/v1/user/new-user/").statusCode()).isEqualTo(404);

    HttpResponse<String> created = api("POST", "/v1/user/new-user/", "{\"name\":\"Ada\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(sandbox.hasUser("new-user")).isTrue();

    HttpResponse<String> fetched = api("GET", "/v1/user/new-user/");
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(json(fetched).get("distinct_id").asText()).isEqualTo("new-user");
    assertThat(json(fetched).at("/properties/name").asText()).isEqualTo("Ada");

    assertThat(api("POST", "/v1/user/new-user/", "[1]").statusCode()).isEqualTo(400);
    assertThat(api("PUT", "/v1/user/new-user/", "{}").statusCode()).isEqualTo(405);
  }

  static Stream<String> hostileIds() {
    return Stream.of(
        "a/b",
        "what?x=1",
        "frag#ment",
        "100%",
        "100%25",
        "with space",
        "plus+sign",
        "..",
        ".",
        "../../v1/user/victim",
        "ünïcødé",
        "用户",
        "😀",
        "user@example.com",
        "semi;colon,comma=eq&amp",
        "back\\slash",
        "quote'\"",
        "  leading-and-trailing  ");
  }

  @ParameterizedTest
  @MethodSource("hostileIds")
  void hostileIdsAreOneEncodedSegment(String id) throws Exception {
    sandbox.addUsers(java.util.List.of(id, "victim", "a", "b"));
    String rawPath = "/v1/user/" + enc(id) + "/";

    assertThat(api("GET", rawPath).statusCode()).isEqualTo(200);
    HttpResponse<String> deleted = api("DELETE", rawPath);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(sandbox.hasUser(id)).isFalse();
    assertThat(sandbox.hasUser("victim")).isTrue();
    assertThat(sandbox.userCount()).isEqualTo(3);

    HttpResponse<String> again = api("DELETE", rawPath);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(json(again).get("message").asText())
        .isEqualTo("user [distinct_id: '" + id + "'] not found");

    RecordedRequest recorded = sandbox.requests().get(1);
    assertThat(recorded.rawPath()).isEqualTo(rawPath);
    assertThat(recorded.decodedDistinctId()).isEqualTo(id);
  }

  @Test
  void dotsEncodedAsPercent2EAreNotNormalised() throws Exception {
    sandbox.addUser("..");
    HttpResponse<String> r = api("DELETE", "/v1/user/%2E%2E/");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(sandbox.hasUser("..")).isFalse();
  }

  @Test
  void plusInAPathIsAPlusNotASpace() throws Exception {
    sandbox.addUsers(java.util.List.of("a b", "a+b"));
    assertThat(api("DELETE", "/v1/user/a+b/").statusCode()).isEqualTo(204);
    assertThat(sandbox.hasUser("a+b")).isFalse();
    assertThat(sandbox.hasUser("a b")).isTrue();
  }

  @Test
  void unencodedSlashGetsARouterHtml404AndDeletesNothing() throws Exception {
    sandbox.addUsers(java.util.List.of("a", "b", "a/b"));
    HttpResponse<String> r = api("DELETE", "/v1/user/a/b/");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(contentType(r)).startsWith("text/html");
    assertThat(r.body()).isEqualTo("<html><body><h1>404 Not Found</h1></body></html>");
    assertThat(sandbox.userCount()).isEqualTo(3);
    assertThat(sandbox.stats().deletes()).isZero();
  }

  @Test
  void unknownRoutesAndMissingTrailingSlashGetHtml404() throws Exception {
    sandbox.addUser("u1");
    for (String path :
        new String[] {"/v1/user/u1", "/v1/user//", "/v1/users/u1/", "/", "/v2/user/u1/"}) {
      HttpResponse<String> r = api("DELETE", path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(contentType(r)).as(path).startsWith("text/html");
    }
    // the HTML 404 comes before auth, as a router's would
    assertThat(api("DELETE", "/nope/", null, null).statusCode()).isEqualTo(404);
    assertThat(sandbox.hasUser("u1")).isTrue();
  }

  @Test
  void malformedEncodingGetsHtml400() throws Exception {
    sandbox.addUser("u1");
    for (String path : new String[] {"/v1/user/%C3%28/", "/v1/user/%FF/"}) {
      HttpResponse<String> r = api("DELETE", path);
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(contentType(r)).startsWith("text/html");
    }
  }
}
