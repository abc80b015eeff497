package dev.offboarding.suprsend.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.suprsend.sandbox.ScriptedResponse.BodyKind;
import dev.offboarding.suprsend.sandbox.ScriptedResponse.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectionTest extends SandboxTestBase {

  @Test
  void scriptsAreServedInOrderThenNormalBehaviourResumes() throws Exception {
    sandbox.addUser("u1");
    sandbox.script(
        "u1",
        ScriptedResponse.status(503, BodyKind.HTML).withRetryAfter("2"),
        ScriptedResponse.status(429).withRetryAfter("7"),
        ScriptedResponse.status(500, BodyKind.PLAIN_TEXT));

    HttpResponse<String> first = api("DELETE", "/v1/user/u1/");
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(contentType(first)).startsWith("text/html");
    assertThat(first.body())
        .isEqualTo("<html><body><h1>503 Service Unavailable</h1>nginx</body></html>");
    assertThat(first.headers().firstValue("Retry-After")).hasValue("2");

    HttpResponse<String> second = api("DELETE", "/v1/user/u1/");
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(json(second)).isEqualTo(json("{\"code\":429,\"message\":\"scripted error\"}"));

    HttpResponse<String> third = api("DELETE", "/v1/user/u1/");
    assertThat(third.statusCode()).isEqualTo(500);
    assertThat(third.body()).isEqualTo("upstream connect error");
    assertThat(sandbox.hasUser("u1")).as("failed calls change nothing").isTrue();

    assertThat(api("DELETE", "/v1/user/u1/").statusCode()).isEqualTo(204);
    assertThat(api("DELETE", "/v1/user/u1/").statusCode()).isEqualTo(404);
  }

  @Test
  void scriptsApplyOnlyToTheirIdAndOkFallsThrough() throws Exception {
    sandbox.addUsers(List.of("a", "b"));
    sandbox.script("a", ScriptedResponse.ok(), ScriptedResponse.status(502, BodyKind.EMPTY));
    assertThat(api("DELETE", "/v1/user/b/").statusCode()).isEqualTo(204);
    assertThat(api("DELETE", "/v1/user/a/").statusCode()).isEqualTo(204);
    HttpResponse<String> empty = api("DELETE", "/v1/user/a/");
    assertThat(empty.statusCode()).isEqualTo(502);
    assertThat(empty.body()).isEmpty();
    assertThat(api("DELETE", "/v1/user/a/").statusCode()).isEqualTo(404);
  }

  @Test
  void globalScriptAppliesToAnyIdAfterPerIdScripts() throws Exception {
    sandbox.addUsers(List.of("a", "b"));
    sandbox.scriptAll(ScriptedResponse.status(503), ScriptedResponse.status(504));
    sandbox.script("b", ScriptedResponse.status(500));
    assertThat(api("DELETE", "/v1/user/b/").statusCode()).isEqualTo(500);
    assertThat(api("DELETE", "/v1/user/a/").statusCode()).isEqualTo(503);
    assertThat(api("DELETE", "/v1/user/b/").statusCode()).isEqualTo(504);
    assertThat(api("DELETE", "/v1/user/b/").statusCode()).isEqualTo(204);
  }

  @Test
  void bodyKindsLookAsDocumented() throws Exception {
    sandbox.addUser("u1");
    sandbox.script(
        "u1",
        ScriptedResponse.status(404, BodyKind.SUPRSEND_USER_NOT_FOUND),
        ScriptedResponse.status(404, BodyKind.OTHER_JSON),
        ScriptedResponse.status(404, BodyKind.HTML));

    HttpResponse<String> documented = api("DELETE", "/v1/user/u1/");
    assertThat(json(documented))
        .isEqualTo(json("{\"code\":404,\"message\":\"user [distinct_id: 'u1'] not found\"}"));
    HttpResponse<String> other = api("DELETE", "/v1/user/u1/");
    assertThat(json(other)).isEqualTo(json("{\"error\":\"not found\",\"path\":\"/v1/user/u1/\"}"));
    HttpResponse<String> html = api("DELETE", "/v1/user/u1/");
    assertThat(html.body()).contains("404 Not Found").contains("nginx");
    assertThat(sandbox.hasUser("u1")).as("a scripted 404 deletes nothing").isTrue();
  }

  @Test
  void scriptedDelayIsApplied() throws Exception {
    sandbox.addUser("u1");
    sandbox.script("u1", ScriptedResponse.status(503).withDelay(Duration.ofMillis(300)));
    long start = System.nanoTime();
    assertThat(api("DELETE", "/v1/user/u1/").statusCode()).isEqualTo(503);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void requestsReceivedCountsCallsStillInTheirDelay() throws Exception {
    sandbox.addUser("u1");
    sandbox.script("u1", ScriptedResponse.ok().withDelay(Duration.ofMillis(800)));
    var pending =
        HTTP.sendAsync(
            request("DELETE", "/v1/user/u1/", null)
                .header("Authorization", "Bearer " + sandbox.apiKey())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (sandbox.requestsReceived() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(sandbox.requestsReceived()).isEqualTo(1);
    assertThat(sandbox.stats().requests()).as("counted when answered").isZero();
    assertThat(sandbox.hasUser("u1")).as("deleted before the delay").isFalse();
    assertThat(pending.get().statusCode()).isEqualTo(204);
    assertThat(sandbox.stats().requests()).isEqualTo(1);
  }

  @Test
  void connectionResetGivesTheJavaHttpClientAnIOException() throws Exception {
    sandbox.addUser("u1");
    sandbox.script("u1", ScriptedResponse.reset());
    assertThatThrownBy(() -> api("DELETE", "/v1/user/u1/")).isInstanceOf(IOException.class);
    assertThat(sandbox.hasUser("u1")).isTrue();
    assertThat(sandbox.requests()).singleElement().extracting(RecordedRequest::status).isEqualTo(0);
    assertThat(sandbox.stats().count(0)).isEqualTo(1);
    assertThat(api("DELETE", "/v1/user/u1/").statusCode()).isEqualTo(204);
  }

  /**
   * HttpURLConnection silently re-sends a non-POST request once when the connection drops before an
   * answer, so it only surfaces an IOException when two resets are scripted.
   */
  @Test
  void connectionResetGivesHttpUrlConnectionAnIOExceptionAfterItsOwnRetry() throws Exception {
    sandbox.addUser("u1");
    sandbox.script("u1", ScriptedResponse.reset(), ScriptedResponse.reset());
    HttpURLConnection conn = open("/v1/user/u1/", "DELETE");
    assertThatThrownBy(conn::getResponseCode).isInstanceOf(IOException.class);
    assertThat(sandbox.hasUser("u1")).isTrue();
    assertThat(sandbox.requests()).hasSize(2);
  }

  @Test
  void okWithResetDeletesThenDropsTheConnection() throws Exception {
    sandbox.addUser("u1");
    sandbox.script("u1", ScriptedResponse.ok().withFault(Fault.CONNECTION_RESET));
    assertThatThrownBy(() -> api("DELETE", "/v1/user/u1/")).isInstanceOf(IOException.class);
    assertThat(sandbox.hasUser("u1")).as("deleted even though the client saw no answer").isFalse();
    assertThat(api("DELETE", "/v1/user/u1/").statusCode()).isEqualTo(404);
  }

  @Test
  void stalledBodyTimesOutAReadingClient() throws Exception {
    sandbox.addUser("u1");
    sandbox.script("u1", ScriptedResponse.stall(Duration.ofSeconds(3)));
    HttpURLConnection conn = open("/v1/user/u1/", "DELETE");
    conn.setReadTimeout(300);
    assertThat(conn.getResponseCode()).isEqualTo(503);
    long start = System.nanoTime();
    assertThatThrownBy(
            () -> {
              try (InputStream in = conn.getErrorStream()) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(SocketTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(sandbox.hasUser("u1")).isTrue();
  }

  @Test
  void stalledBodyCompletesAfterTheStall() throws Exception {
    sandbox.addUser("u1");
    sandbox.script(
        "u1", ScriptedResponse.ok().withFault(Fault.STALL_BODY).withDelay(Duration.ofMillis(300)));
    long start = System.nanoTime();
    HttpResponse<String> r = api("DELETE", "/v1/user/u1/");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{}");
    assertThat(sandbox.hasUser("u1")).isFalse();
  }

  @Test
  void faultRateAnswersAShareOfDeletesWith503() throws Exception {
    for (int i = 0; i < 200; i++) {
      sandbox.addUser("u" + i);
    }
    sandbox.setFaultRate(0.3, 42);
    int faults = 0;
    for (int i = 0; i < 200; i++) {
      HttpResponse<String> r = api("DELETE", "/v1/user/u" + i + "/");
      if (r.statusCode() == 503) {
        faults++;
        assertThat(json(r).get("code").asInt()).isEqualTo(503);
      } else {
        assertThat(r.statusCode()).isEqualTo(204);
      }
    }
    assertThat(faults).isBetween(30, 90);
    assertThat(sandbox.userCount()).isEqualTo(faults);
    sandbox.setFaultRate(0, 0);
    assertThat(api("DELETE", "/v1/user/u0/").statusCode()).isIn(204, 404);
  }

  @Test
  void aRateLimitCanBeGivenItsBurstAndAFullBucketAdmitsExactlyThatManyAtOnce() throws Exception {
    sandbox.addUser("u1");
    sandbox.setRateLimit(0.01, 10); // one new token every 100 s: only the burst counts

    int ok = 0;
    for (int i = 0; i < 15; i++) {
      if (api("GET", "/v1/user/u1/").statusCode() == 200) {
        ok++;
      }
    }

    assertThat(ok).isEqualTo(10);
    assertThat(sandbox.stats().rateLimited()).isEqualTo(5);
    sandbox.setRateLimit(0);
  }

  @Test
  void rateLimitAnswers429WithRetryAfterAndRoughlyHonoursTheRate() throws Exception {
    sandbox.addUser("u1");
    double rate = 50;
    sandbox.setRateLimit(rate);
    int ok = 0;
    int limited = 0;
    long start = System.nanoTime();
    long deadline = start + Duration.ofMillis(1200).toNanos();
    while (System.nanoTime() < deadline && ok + limited < 20_000) {
      HttpResponse<String> r = api("GET", "/v1/user/u1/");
      if (r.statusCode() == 429) {
        limited++;
        String retryAfter = r.headers().firstValue("Retry-After").orElseThrow();
        assertThat(Integer.parseInt(retryAfter)).isGreaterThanOrEqualTo(1);
        assertThat(json(r)).isEqualTo(json("{\"code\":429,\"message\":\"rate limit exceeded\"}"));
      } else {
        assertThat(r.statusCode()).isEqualTo(200);
        ok++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double expected = rate / 10 + rate * seconds; // burst + refill
    assertThat(limited).isPositive();
    assertThat((double) ok).isBetween(expected * 0.5, expected * 1.5);
    assertThat(sandbox.stats().rateLimited()).isEqualTo(limited);
    assertThat(sandbox.stats().count(429)).isEqualTo(limited);

    sandbox.setRateLimit(0);
    for (int i = 0; i < 50; i++) {
      assertThat(api("GET", "/v1/user/u1/").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void latencyIsAddedToApiRequestsButNotTheControlPlane() throws Exception {
    sandbox.addUser("u1");
    sandbox.setLatency(Duration.ofMillis(250));
    long start = System.nanoTime();
    assertThat(api("GET", "/v1/user/u1/").statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));

    start = System.nanoTime();
    assertThat(control("GET", "/_sandbox/health", null).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(250));
    sandbox.setLatency(Duration.ZERO);
  }

  @Test
  void scriptedResponseValidatesAndDefaults() {
    assertThat(ScriptedResponse.status(503).body()).isEqualTo(BodyKind.SUPRSEND_ERROR_JSON);
    assertThat(ScriptedResponse.status(204).isNormal()).isTrue();
    assertThat(ScriptedResponse.reset().fault()).isEqualTo(Fault.CONNECTION_RESET);
    assertThat(new ScriptedResponse(500, null, null, null, null).delay()).isZero();
    assertThatThrownBy(() -> ScriptedResponse.status(99))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScriptedResponse.status(0))
        .isInstanceOf(IllegalArgumentException.class);
    JsonNode parsed = MAPPER.valueToTree(java.util.Map.of("status", 503));
    assertThat(ControlRequests.scriptedResponse(parsed)).isEqualTo(ScriptedResponse.status(503));
  }

  private HttpURLConnection open(String rawPath, String method) throws IOException {
    HttpURLConnection conn =
        (HttpURLConnection) new URL(sandbox.baseUrl() + rawPath).openConnection();
    conn.setRequestMethod(method);
    conn.setRequestProperty("Authorization", "Bearer " + sandbox.apiKey());
    conn.setConnectTimeout(5000);
    conn.setReadTimeout(5000);
    return conn;
  }
}
