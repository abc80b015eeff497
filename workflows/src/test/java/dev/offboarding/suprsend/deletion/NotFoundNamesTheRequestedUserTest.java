package dev.offboarding.suprsend.deletion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 404 completes a run as {@code ALREADY_ABSENT} only when it is SuprSend's own user-not-found,
 * {@code {"code":404,"message":"user [distinct_id: '<id>'] not found"}}, naming exactly the id that
 * was sent. Everything else parks the run ({@code SuprSendWrongEndpoint}, not retried). Real HTTP
 * against WireMock, through the real Feign client and activity.
 */
class NotFoundNamesTheRequestedUserTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static WireMockExtension suprSend =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private TestActivityEnvironment env;
  private DeleteSuprSendUser activity;

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new DeleteSuprSendUserImpl(
            SuprSendClients.userApi(
                SuprSendSettings.of(URI.create(suprSend.baseUrl()), "test-key-5d1c"))));
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

  private static String notFoundNaming(String id) {
    ObjectNode body = JSON.createObjectNode();
    body.put("code", 404);
    body.put("message", "user [distinct_id: '" + id + "'] not found");
    return body.toString();
  }

  private void answer404(String body) {
    suprSend.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  private ApplicationFailure parked(String id) {
    ActivityFailure failure =
        catchThrowableOfType(ActivityFailure.class, () -> activity.delete(id));
    assertThat(failure).as("the delete of %s should have failed", id).isNotNull();
    ApplicationFailure app = (ApplicationFailure) failure.getCause();
    assertThat(app.getType()).isEqualTo("SuprSendWrongEndpoint");
    assertThat(app.isNonRetryable()).isTrue();
    return app;
  }

  @Test
  void aNotFoundNamingSomeoneElseParksTheRunInsteadOfCompletingIt() {
    answer404(notFoundNaming("someone-else"));
    ApplicationFailure failure = parked("wid1");
    assertThat(failure.getOriginalMessage())
        .contains("does not name the user asked for", "SUPRSEND_BASE_URL")
        .contains("did not come from SuprSend's user API, so the user was NOT treated as deleted");
  }

  @Test
  void aNotFoundWithoutCode404Parks() {
    answer404("{\"message\":\"user [distinct_id: 'wid1'] not found\"}");
    parked("wid1");
    answer404("{\"code\":\"404\",\"message\":\"user [distinct_id: 'wid1'] not found\"}");
    parked("wid1");
    answer404("{\"code\":400,\"message\":\"user [distinct_id: 'wid1'] not found\"}");
    parked("wid1");
  }

  @Test
  void aNotFoundNamingThePercentEncodedFormOfTheIdParks() {
    answer404(notFoundNaming("team%2Fann"));
    parked("team/ann");
  }

  @Test
  void aNotFoundNamingOnlyPartOfTheIdParks() {
    answer404(notFoundNaming("ann"));
    parked("ann@example.com");
    answer404(notFoundNaming("ann@example.com "));
    parked("ann@example.com");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"wid1", "team/ann", "a b+c?d#e", "o'brien", "100%", "..", "é😀", "x'] not found"})
  void suprSendsNotFoundNamingExactlyTheSentIdIsAlreadyAbsent(String id) {
    answer404(notFoundNaming(id));
    assertThat(activity.delete(id)).isEqualTo(new DeletionResult(Outcome.ALREADY_ABSENT, 404, 1));
  }
}
