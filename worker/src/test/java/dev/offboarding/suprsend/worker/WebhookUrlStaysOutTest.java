package dev.offboarding.suprsend.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Slack- or Teams-style webhook URL is a credential: the worker's configuration shows it (in its
 * start-up log line and in configuration problems) by scheme and host only.
 */
class WebhookUrlStaysOutTest {

  private static final String TOKEN = "XyZsecretTokenAbc";

  private static Map<String, String> env(String webhookUrl) {
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_CONFIG_FILE", "/nonexistent/temporal.toml");
    env.put("SUPRSEND_API_KEY", "ss-key-webhook-0123456789");
    env.put("OFFBOARDING_WEBHOOK_URL", webhookUrl);
    return env;
  }

  @Test
  void theStartUpLineShowsTheReceiverBySchemeAndHostOnly() {
    WorkerConfig config =
        WorkerConfig.fromEnvironment(
            env("https://hooks.slack.com/services/T0001/B0002/" + TOKEN + "?key=qq77"));
    // OffboardingWorker logs config.notifications() when it starts.
    assertThat(config.notifications().toString())
        .contains("https://hooks.slack.com")
        .doesNotContain(TOKEN, "qq77", "/services/");
    assertThat(config.toString()).doesNotContain(TOKEN, "qq77");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://hooks.slack.com/services/T0001/B0002/" + TOKEN,
        "hooks.slack.com/services/T0001/B0002/" + TOKEN,
        "https://hooks.slack.com/services/T0001/B0002/" + TOKEN + " x"
      })
  void aBadWebhookUrlIsReportedWithoutItsValue(String webhookUrl) {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> WorkerConfig.fromEnvironment(env(webhookUrl)));
    assertThat(e).as(webhookUrl).isNotNull();
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("OFFBOARDING_WEBHOOK_URL ")
        .contains("the value is not shown")
        .doesNotContain(TOKEN);
  }
}
