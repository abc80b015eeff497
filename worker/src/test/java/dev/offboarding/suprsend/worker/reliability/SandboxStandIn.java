package dev.offboarding.suprsend.worker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.sandbox.TriggerCall;
import dev.offboarding.suprsend.sandbox.WebhookCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The project's SuprSend sandbox: stateful, deleted users are gone, faults by seeded chance. */
final class SandboxStandIn implements SuprSendStandIn {

  static final String WEBHOOK_SECRET = "crash-test-webhook-secret-0123456789abcdef0123";

  private final SuprSendSandbox sandbox;
  private int users;
  private double faultRate;

  SandboxStandIn(String apiKey) {
    sandbox = SuprSendSandbox.start(SandboxOptions.defaults().withApiKey(apiKey));
  }

  @Override
  public String name() {
    return "the project's sandbox";
  }

  @Override
  public URI baseUrl() {
    return sandbox.baseUrl();
  }

  @Override
  public void prepare(Collection<String> ids, double faultRate, long seed) {
    sandbox.addUsers(ids);
    sandbox.setFaultRate(faultRate, seed);
    users = ids.size();
    this.faultRate = faultRate;
  }

  @Override
  public int deletedCount() {
    return users - sandbox.userCount();
  }

  @Override
  public boolean deleted(String user) {
    return !sandbox.hasUser(user);
  }

  /** The saga's notifications: a signed webhook to the sandbox's receiver, and a trigger. */
  @Override
  public Map<String, String> notificationEnv() {
    return Map.of(
        "OFFBOARDING_WEBHOOK_URL",
        sandbox.webhookUrl().toString(),
        "OFFBOARDING_WEBHOOK_SECRET",
        WEBHOOK_SECRET,
        "SUPRSEND_NOTIFY_WORKFLOW",
        "offboarding-notice",
        "SUPRSEND_NOTIFY_RECIPIENTS",
        "ops-team");
  }

  @Override
  public Map<String, Object> checkNotifications() {
    Map<String, Set<String>> webhookKeys = new TreeMap<>();
    for (WebhookCall call : sandbox.webhooks()) {
      JsonNode event = read(call.body());
      webhookKeys
          .computeIfAbsent(
              event.path("distinctId").asText() + " " + event.path("type").asText(),
              k -> new TreeSet<>())
          .add(String.valueOf(call.header("Idempotency-Key")));
    }
    Map<String, Set<String>> triggerKeys = new TreeMap<>();
    for (TriggerCall call : sandbox.triggers()) {
      JsonNode body = call.body();
      String user = body.path("data").path("distinctId").asText();
      triggerKeys
          .computeIfAbsent(
              user + " " + body.path("data").path("type").asText(), k -> new TreeSet<>())
          .add(String.valueOf(call.idempotencyKey()));
      assertThat(body.path("recipients").toString())
          .as("a notification is never sent to the user being deleted")
          .doesNotContain("\"" + user + "\"");
    }
    assertThat(webhookKeys)
        .as("webhooks: one idempotency key per user and event, however often delivered")
        .allSatisfy((event, keys) -> assertThat(keys).hasSize(1));
    assertThat(triggerKeys)
        .as("triggers: one idempotency key per user and event, however often sent")
        .allSatisfy((event, keys) -> assertThat(keys).hasSize(1));
    if (!webhookKeys.isEmpty()) {
      // Notifications are on (the saga): every completed run announced itself, once per key.
      assertThat(webhookKeys.keySet().stream().filter(k -> k.endsWith(" offboarding.completed")))
          .as("one completed event per user")
          .hasSize(users);
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put(
        "webhooks received / distinct events",
        sandbox.webhooks().size() + " / " + webhookKeys.size());
    figures.put(
        "SuprSend triggers received / distinct events",
        sandbox.triggers().size() + " / " + triggerKeys.size());
    return figures;
  }

  @Override
  public Map<String, Object> figures() {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("transient faults", "a seeded " + faultRate + " of all DELETE calls answered 503");
    figures.put("SuprSend answers (status: count)", sandbox.stats().byStatus());
    figures.put("API requests (DELETE and /trigger/)", sandbox.stats().requests());
    return figures;
  }

  @Override
  public void close() {
    sandbox.close();
  }

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a webhook body that is not JSON: " + json, e);
    }
  }
}
