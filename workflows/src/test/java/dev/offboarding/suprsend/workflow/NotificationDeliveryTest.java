package dev.offboarding.suprsend.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.offboarding.suprsend.contract.NotificationResult;
import dev.offboarding.suprsend.contract.NotificationResult.Channel;
import dev.offboarding.suprsend.contract.NotificationResult.Status;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.notification.NotifySettings;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import io.temporal.api.enums.v1.EventType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both channels are served by one notification activity: a channel that fails for now is retried
 * alone, and the one that delivered is not sent twice. The event carries a digest of the receipt.
 */
class NotificationDeliveryTest {

  @RegisterExtension
  static WireMockExtension receiver =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static SuprSendSandbox sandbox;

  @BeforeAll
  static void startSandbox() {
    sandbox = SuprSendSandbox.start(SandboxOptions.defaults());
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @Test
  void aChannelThatFailsForNowIsRetriedAloneAndTheOtherIsNotSentTwice() throws Exception {
    receiver.stubFor(
        post(urlPathEqualTo("/hook"))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    receiver.stubFor(
        post(urlPathEqualTo("/hook"))
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(200)));
    NotifySettings notify =
        new NotifySettings(
            URI.create(receiver.baseUrl() + "/hook"),
            "whsec-test-3f1a9c-0123456789",
            Duration.ofSeconds(5),
            "offboarding-alerts",
            List.of("ops-oncall"));
    try (OffboardingTestRig rig =
        new OffboardingTestRig(
            sandbox.baseUrl(),
            sandbox.apiKey(),
            RetrySettings.delete(),
            notify,
            RetrySettings.notification().withRetryWindow(Duration.ofMinutes(10)))) {
      sandbox.addUser("nd-1");
      OffboardingReceipt receipt =
          rig.stubFor(OffboardingRequest.of("nd-1")).offboard(OffboardingRequest.of("nd-1"));

      assertThat(receipt.notifications())
          .extracting(NotificationResult::channel, NotificationResult::status)
          .containsExactlyInAnyOrder(
              Tuple.tuple(Channel.WEBHOOK, Status.SENT),
              Tuple.tuple(Channel.SUPRSEND_TRIGGER, Status.SENT));
      assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo("/hook")))).hasSize(2);
      assertThat(sandbox.triggers()).as("delivered once, not again on the retry").hasSize(1);
      assertThat(
              rig.client.fetchHistory(OffboardingIds.workflowIdFor("nd-1")).getEvents().stream()
                  .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                  .map(
                      e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName()))
          .containsExactly("DeleteSuprSendUser", "Notify");

      JsonNode event =
          new ObjectMapper()
              .readTree(
                  receiver
                      .findAll(postRequestedFor(urlPathEqualTo("/hook")))
                      .get(1)
                      .getBodyAsString());
      assertThat(event.path("receipt").path("outcome").asText()).isEqualTo("DELETED");
      assertThat(event.path("receipt").has("timeline")).as("a digest, not the receipt").isFalse();
    }
  }
}
