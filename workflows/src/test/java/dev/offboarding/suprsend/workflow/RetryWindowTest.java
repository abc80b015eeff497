package dev.offboarding.suprsend.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The retry policy is the worker's configuration, and an exhausted window parks the run for an
 * operator, saying why.
 */
class RetryWindowTest {

  @RegisterExtension
  static WireMockExtension suprSend =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void givesUpAfterTheConfiguredWindowWithTheLastError() {
    suprSend.stubFor(
        delete(urlPathMatching("/v1/user/.*")).willReturn(aResponse().withStatus(503)));
    RetrySettings shortWindow =
        new RetrySettings(
            Duration.ofSeconds(1),
            2.0,
            Duration.ofSeconds(30),
            Duration.ofMinutes(3),
            Duration.ofSeconds(10));
    try (OffboardingTestRig rig = new OffboardingTestRig(suprSend, shortWindow)) {
      WorkflowClient.start(rig.stubFor("down")::offboard, OffboardingRequest.of("down"));
      rig.env.sleep(Duration.ofMinutes(4));
      OffboardingStatus status = rig.awaitState("down", OffboardingState.NEEDS_ATTENTION);
      assertThat(status.lastError())
          .contains(
              OffboardingFailures.RETRY_WINDOW_EXHAUSTED, "PT3M", "503", "./offboard retry down");
      // 1+2+4+8+16+30+30+30+30... seconds: about 10 attempts fit in three minutes, never 1 or 100.
      assertThat(rig.delete.attemptStartedAt.size()).isBetween(5, 15);
    }
  }

  @Test
  void settingsAreValidated() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new RetrySettings(
                    Duration.ofMinutes(5),
                    2.0,
                    Duration.ofMinutes(1),
                    Duration.ofDays(1),
                    Duration.ofSeconds(5)))
        .hasMessageContaining("maximumInterval");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new RetrySettings(
                    Duration.ofSeconds(1),
                    0.5,
                    Duration.ofMinutes(1),
                    Duration.ofDays(1),
                    Duration.ofSeconds(5)))
        .hasMessageContaining("backoffCoefficient");
  }
}
