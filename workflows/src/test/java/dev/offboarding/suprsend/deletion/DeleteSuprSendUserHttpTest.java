package dev.offboarding.suprsend.deletion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.offboarding.suprsend.client.SuprSendClients;
import dev.offboarding.suprsend.client.SuprSendSettings;
import dev.offboarding.suprsend.contract.Outcome;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every row of the README's outcome table, one real HTTP exchange each (WireMock), through the real
 * Feign client and the real activity, one attempt at a time.
 */
class DeleteSuprSendUserHttpTest {

  static final String API_KEY = "test-key-7f3a9c1e5b";
  static final String USER_NOT_FOUND =
      "{\"code\":404,\"message\":\"user [distinct_id: 'user-1'] not found\"}";

  @RegisterExtension
  static WireMockExtension suprSend =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private TestActivityEnvironment env;
  private DeleteSuprSendUser activity;

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    SuprSendSettings settings =
        new SuprSendSettings(
            URI.create(suprSend.baseUrl()),
            API_KEY,
            Duration.ofSeconds(2),
            Duration.ofMillis(800),
            Duration.ofMinutes(10));
    env.registerActivitiesImplementations(
        new DeleteSuprSendUserImpl(SuprSendClients.userApi(settings)));
    activity =
        env.newActivityStub(
            DeleteSuprSendUser.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private void answer(ResponseDefinitionBuilder response) {
    suprSend.stubFor(any(anyUrl()).willReturn(response));
  }

  private ApplicationFailure failureOf(String id) {
    ActivityFailure failure =
        catchThrowableOfType(ActivityFailure.class, () -> activity.delete(id));
    assertThat(failure).as("the delete should have failed").isNotNull();
    assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure app = (ApplicationFailure) failure.getCause();
    assertThat(app.getOriginalMessage()).doesNotContain(API_KEY);
    return app;
  }

  @Test
  void noContentIsDeletedAndSendsBearerAndUserAgent() {
    answer(aResponse().withStatus(204));
    DeletionResult result = activity.delete("user-1");
    assertThat(result).isEqualTo(new DeletionResult(Outcome.DELETED, 204, 1));
    suprSend.verify(
        1,
        deleteRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/v1/user/user-1/"))
            .withHeader("Authorization", equalTo("Bearer " + API_KEY))
            .withHeader("User-Agent", matching("suprsend-offboarding/.+"))
            .withHeader("Accept", equalTo("application/json")));
  }

  @Test
  void anyOther2xxIsDeleted() {
    answer(aResponse().withStatus(200).withBody("{\"success\":true}"));
    assertThat(activity.delete("user-1").outcome()).isEqualTo(Outcome.DELETED);
  }

  @Test
  void suprSendsUserNotFoundIsAlreadyAbsent() {
    answer(
        aResponse()
            .withStatus(404)
            .withHeader("Content-Type", "application/json")
            .withBody(USER_NOT_FOUND));
    assertThat(activity.delete("user-1"))
        .isEqualTo(new DeletionResult(Outcome.ALREADY_ABSENT, 404, 1));
  }

  @Test
  void htmlNotFoundIsAPermanentWrongEndpointFailure() {
    answer(
        aResponse()
            .withStatus(404)
            .withHeader("Content-Type", "text/html")
            .withBody("<html><body>404 Not Found</body></html>"));
    ApplicationFailure failure = failureOf("user-1");
    assertThat(failure.getType()).isEqualTo("SuprSendWrongEndpoint");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("404", "HTML", "did not come from SuprSend's user API", "SUPRSEND_BASE_URL");
  }

  @Test
  void emptyNotFoundIsNeverAlreadyAbsent() {
    answer(aResponse().withStatus(404));
    ApplicationFailure failure = failureOf("user-1");
    assertThat(failure.getType()).isEqualTo("SuprSendWrongEndpoint");
    assertThat(failure.getOriginalMessage()).contains("empty body");
  }

  @Test
  void otherJsonNotFoundIsNeverAlreadyAbsent() {
    answer(
        aResponse()
            .withStatus(404)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"code\":404,\"message\":\"workflow not found\"}"));
    ApplicationFailure failure = failureOf("user-1");
    assertThat(failure.getType()).isEqualTo("SuprSendWrongEndpoint");
    assertThat(failure.getOriginalMessage()).contains("workflow not found", "SUPRSEND_BASE_URL");
  }

  @Test
  void unauthorizedIsPermanentWithAnApiKeyHint() {
    answer(
        aResponse()
            .withStatus(401)
            .withBody("Not Authenticated - could not find Workspace details"));
    ApplicationFailure failure = failureOf("user-1");
    assertThat(failure.getType()).isEqualTo("SuprSendAuthenticationFailed");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("401", "SUPRSEND_API_KEY");
    DeletionFailure details = failure.getDetails().get(0, DeletionFailure.class);
    assertThat(details).isEqualTo(new DeletionFailure("AUTHENTICATION", 401, 1));
  }

  @Test
  void forbiddenIsPermanent() {
    answer(aResponse().withStatus(403).withBody("{\"code\":403,\"message\":\"forbidden\"}"));
    ApplicationFailure failure = failureOf("user-1");
    assertThat(failure.getType()).isEqualTo("SuprSendAuthorizationFailed");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("403", "forbidden", "SUPRSEND_API_KEY");
  }

  @Test
  void otherApiRejectionIsPermanentAndQuotesSuprSend() {
    answer(
        aResponse()
            .withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"code\":400,\"message\":\"invalid distinct_id\"}"));
    ApplicationFailure failure = failureOf("user-1");
    assertThat(failure.getType()).isEqualTo("SuprSendRequestRejected");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("400", "invalid distinct_id");
  }

  @Test
  void rateLimitedWithSecondsSetsTheNextRetryDelay() {
    answer(aResponse().withStatus(429).withHeader("Retry-After", "42"));
    ApplicationFailure failure = failureOf("user-1");
    assertThat(failure.getType()).isEqualTo("SuprSendRateLimited");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(42));
  }

  @Test
  void rateLimitedWithHttpDateSetsTheNextRetryDelay() {
    String in90s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(90));
    answer(aResponse().withStatus(429).withHeader("Retry-After", in90s));
    ApplicationFailure failure = failureOf("user-1");
    assertThat(failure.getNextRetryDelay())
        .isBetween(Duration.ofSeconds(85), Duration.ofSeconds(90));
  }

  @Test
  void rateLimitedWithoutHeaderUsesNormalBackoff() {
    answer(aResponse().withStatus(429));
    ApplicationFailure failure = failureOf("user-1");
    assertThat(failure.getType()).isEqualTo("SuprSendRateLimited");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isNull();
  }

  @Test
  void rateLimitDelayIsCapped() {
    answer(aResponse().withStatus(429).withHeader("Retry-After", "86400"));
    assertThat(failureOf("user-1").getNextRetryDelay()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void serverErrorsAndRequestTimeoutAreRetried() {
    for (int status : new int[] {408, 500, 502, 503, 504}) {
      suprSend.resetAll();
      answer(
          aResponse()
              .withStatus(status)
              .withBody("{\"code\":" + status + ",\"message\":\"oops\"}"));
      ApplicationFailure failure = failureOf("user-1");
      assertThat(failure.getType()).as("status %d", status).isEqualTo("SuprSendUnavailable");
      assertThat(failure.isNonRetryable()).as("status %d", status).isFalse();
    }
  }

  @Test
  void serviceUnavailableHonoursRetryAfter() {
    answer(aResponse().withStatus(503).withHeader("Retry-After", "5"));
    assertThat(failureOf("user-1").getNextRetryDelay()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void htmlErrorPagesAreRetried() {
    answer(
        aResponse()
            .withStatus(502)
            .withHeader("Content-Type", "text/html")
            .withBody("<html><h1>502 Bad Gateway</h1></html>"));
    ApplicationFailure failure = failureOf("user-1");
    assertThat(failure.getType()).isEqualTo("SuprSendUnavailable");
    assertThat(failure.getOriginalMessage()).contains("502", "HTML");
  }

  @Test
  void a4xxPageFromAProxyIsRetriedNotRejected() {
    answer(
        aResponse()
            .withStatus(400)
            .withHeader("Content-Type", "text/html")
            .withBody("<html>Bad</html>"));
    ApplicationFailure failure = failureOf("user-1");
    assertThat(failure.getType()).isEqualTo("SuprSendUnavailable");
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void redirectsArePermanentAndNotFollowed() {
    answer(aResponse().withStatus(301).withHeader("Location", "https://example.invalid/"));
    ApplicationFailure failure = failureOf("user-1");
    assertThat(failure.getType()).isEqualTo("SuprSendWrongEndpoint");
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void connectionResetIsRetried() {
    answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    ApplicationFailure failure = failureOf("user-1");
    assertThat(failure.getType()).isEqualTo("SuprSendUnreachable");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).doesNotContain("user-1");
  }

  @Test
  void readTimeoutIsRetried() {
    answer(aResponse().withStatus(204).withFixedDelay(2_000));
    ApplicationFailure failure = failureOf("user-1");
    assertThat(failure.getType()).isEqualTo("SuprSendUnreachable");
    assertThat(failure.getOriginalMessage()).containsIgnoringCase("timed out");
  }

  @Test
  void invalidIdsAreRejectedBeforeAnyHttpCall() {
    ApplicationFailure failure = failureOf("bad\u0000id");
    assertThat(failure.getType()).isEqualTo(DeleteSuprSendUserImpl.INVALID_DISTINCT_ID);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failureOf("   ").getType()).isEqualTo(DeleteSuprSendUserImpl.INVALID_DISTINCT_ID);
    assertThat(failureOf("x".repeat(513)).getType())
        .isEqualTo(DeleteSuprSendUserImpl.INVALID_DISTINCT_ID);
    assertThat(suprSend.getAllServeEvents()).isEmpty();
  }

  @Test
  void serverTextEchoingTheKeyIsRedacted() {
    answer(aResponse().withStatus(401).withBody("{\"message\":\"bad key " + API_KEY + "\"}"));
    assertThat(failureOf("user-1").getOriginalMessage()).contains("<redacted>");
  }
}
