package dev.offboarding.suprsend.notification;

import dev.offboarding.suprsend.contract.NotificationResult.Channel;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where notifications go; {@link #toString()} never shows the secret, nor the webhook URL beyond
 * its scheme and host.
 *
 * @param webhookUrl {@code OFFBOARDING_WEBHOOK_URL}, or null when unset
 * @param webhookSecret {@code OFFBOARDING_WEBHOOK_SECRET}, or null for unsigned webhooks
 * @param webhookTimeout how long one webhook request may take
 * @param suprSendWorkflow {@code SUPRSEND_NOTIFY_WORKFLOW}, or null when unset
 * @param recipients {@code SUPRSEND_NOTIFY_RECIPIENTS}: internal distinct ids, possibly empty
 */
public record NotifySettings(
    URI webhookUrl,
    String webhookSecret,
    Duration webhookTimeout,
    String suprSendWorkflow,
    List<String> recipients) {

  /** Most SuprSend accepts in one trigger. */
  public static final int MAX_RECIPIENTS = 100;

  public static final Duration DEFAULT_WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

  public NotifySettings {
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
    webhookTimeout = webhookTimeout == null ? DEFAULT_WEBHOOK_TIMEOUT : webhookTimeout;
  }

  /**
   * The webhook receiver as {@code scheme://host}, or null when unset: what logs and failure
   * messages show, because the rest of a webhook URL (Slack- or Teams-style paths, query tokens,
   * user info) is often a credential.
   */
  public String webhookOrigin() {
    return webhookUrl == null ? null : webhookUrl.getScheme() + "://" + webhookUrl.getHost();
  }

  /** What a notification on an unconfigured webhook channel records. */
  public static final String WEBHOOK_NOT_CONFIGURED = "OFFBOARDING_WEBHOOK_URL is not set";

  /** What a notification on an unconfigured SuprSend channel records. */
  public static final String TRIGGER_NOT_CONFIGURED =
      "SUPRSEND_NOTIFY_WORKFLOW and SUPRSEND_NOTIFY_RECIPIENTS are not both set";

  /** The channels these settings configure, in a fixed order (webhook first). */
  public List<Channel> configuredChannels() {
    List<Channel> channels = new ArrayList<>();
    if (webhookUrl != null) {
      channels.add(Channel.WEBHOOK);
    }
    if (suprSendWorkflow != null && !recipients.isEmpty()) {
      channels.add(Channel.SUPRSEND_TRIGGER);
    }
    return List.copyOf(channels);
  }

  /** What a notification on {@code channel} records when it is not configured. */
  public static String notConfigured(Channel channel) {
    return channel == Channel.WEBHOOK ? WEBHOOK_NOT_CONFIGURED : TRIGGER_NOT_CONFIGURED;
  }

  /** No channel configured. */
  public static NotifySettings none() {
    return new NotifySettings(null, null, null, null, List.of());
  }

  @Override
  public String toString() {
    return "NotifySettings[webhook="
        + (webhookUrl == null ? "unset" : webhookOrigin() + "/<redacted>")
        + ", webhookSecret="
        + (webhookSecret == null ? "unset" : "<redacted>")
        + ", webhookTimeout="
        + webhookTimeout
        + ", suprSendWorkflow="
        + suprSendWorkflow
        + ", recipients="
        + recipients.size()
        + "]";
  }
}
