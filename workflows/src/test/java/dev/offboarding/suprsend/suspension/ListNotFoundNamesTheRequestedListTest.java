package dev.offboarding.suprsend.suspension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.offboarding.suprsend.client.SuprSendClients;
import dev.offboarding.suprsend.client.SuprSendSettings;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A subscriber list counts as gone only when SuprSend's list API says so for that very list: {@code
 * {"code":404,...,"message":"list [list_id: '<id>'] not found"}} naming the list id that was sent.
 * Any other 404 (a route-not-found JSON, another list's id, HTML) fails the step instead of being
 * skipped. Real HTTP: the project's sandbox, and WireMock for answers the sandbox never gives.
 */
class ListNotFoundNamesTheRequestedListTest {

  private static final String KEY = "test-key-list-9a2e";

  @RegisterExtension
  static WireMockExtension suprSend =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static SuspensionImpl suspensionAt(URI baseUrl, String key) {
    SuprSendSettings settings = SuprSendSettings.of(baseUrl, key);
    return new SuspensionImpl(SuprSendClients.listApi(settings), SuprSendClients.userApi(settings));
  }

  private static SuspensionImpl wireMock() {
    return suspensionAt(URI.create(suprSend.baseUrl()), KEY);
  }

  private static void listAnswers404(String listId, String body) {
    suprSend.stubFor(
        post(urlPathEqualTo("/v1/subscriber_list/" + listId + "/subscriber/remove/"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
    suprSend.stubFor(
        post(urlPathEqualTo("/v1/subscriber_list/" + listId + "/subscriber/add/"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  private static String listNotFound(String listId) {
    return "{\"code\":404,\"error_code\":\"not_found\",\"type\":\"NotFound\",\"message\":\"list"
        + " [list_id: '"
        + listId
        + "'] not found\",\"detail\":\"no subscriber list with this id\"}";
  }

  private static void userExists(String distinctId) {
    suprSend.stubFor(
        get(urlPathEqualTo("/v1/user/" + distinctId + "/"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .willReturn(
                aResponse().withStatus(200).withBody("{\"distinct_id\":\"" + distinctId + "\"}")));
  }

  private static ApplicationFailure wrongEndpoint(Runnable call) {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, call::run);
    assertThat(failure).as("the step should have failed").isNotNull();
    assertThat(failure.getType()).isEqualTo("SuprSendWrongEndpoint");
    assertThat(failure.isNonRetryable()).isTrue();
    return failure;
  }

  @Test
  void theSandboxsListNotFoundForTheRequestedListCountsAsGone() {
    try (SuprSendSandbox sandbox = SuprSendSandbox.start(SandboxOptions.defaults())) {
      sandbox.addUser("ann");
      sandbox.subscribe("ann", "staff");
      SuspensionImpl suspension = suspensionAt(sandbox.baseUrl(), sandbox.apiKey());

      assertThat(suspension.removeFromLists("ann", List.of("staff", "deleted-list"))).isEqualTo(1);
      assertThat(sandbox.listsOf("ann")).isEmpty();
    }
  }

  @Test
  void suprSendsListNotFoundNamingExactlyTheSentListIdIsSkipped() {
    listAnswers404("team%2Fops", listNotFound("team/ops"));
    assertThat(wireMock().removeFromLists("ann", List.of("team/ops"))).isZero();

    userExists("ann");
    Suspension.Restored restored = wireMock().restoreToLists("ann", List.of("team/ops"));
    assertThat(restored.restored()).isEmpty();
    assertThat(restored.notRestored())
        .containsExactly("team/ops: the list no longer exists in SuprSend");
  }

  @Test
  void aListNotFoundNamingAnotherListFailsTheStep() {
    listAnswers404("staff", listNotFound("other-list"));
    ApplicationFailure failure =
        wrongEndpoint(() -> wireMock().removeFromLists("ann", List.of("staff")));
    assertThat(failure.getOriginalMessage())
        .contains("Removing the user from list staff failed")
        .contains("did not come from SuprSend's subscriber-list API")
        .contains("SUPRSEND_BASE_URL");

    userExists("ann");
    wrongEndpoint(() -> wireMock().restoreToLists("ann", List.of("staff")));
  }

  @Test
  void aRouteNotFoundJsonIsNotAMissingList() {
    // What an unknown route answers on many servers, the sandbox included: "not found", no list.
    listAnswers404("staff", "{\"error\":\"not found\",\"path\":\"/v1/subscriber_list/staff/\"}");
    wrongEndpoint(() -> wireMock().removeFromLists("ann", List.of("staff")));
  }

  @Test
  void aListNotFoundWithoutCode404IsNotAMissingList() {
    listAnswers404("staff", "{\"message\":\"list [list_id: 'staff'] not found\"}");
    wrongEndpoint(() -> wireMock().removeFromLists("ann", List.of("staff")));
  }
}
