package dev.offboarding.suprsend.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.suprsend.client.PathSegment;
import dev.offboarding.suprsend.client.SuprSendClients;
import dev.offboarding.suprsend.client.SuprSendSettings;
import dev.offboarding.suprsend.contract.IdScheme;
import dev.offboarding.suprsend.contract.NotificationResult.Status;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the SuprSend trigger tells internal recipients: a summary of the event, never the audit
 * record; and on a run with a hashed workflow id ({@code OFFBOARDING_ID_SCHEME=sha256}) never the
 * erased user's id, in any field or spelling. Real HTTP to the sandbox, which records each trigger.
 */
class TriggerDataTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER = "erin/o'neil@example.com";

  private SuprSendSandbox sandbox;
  private SuprSendNotificationImpl trigger;

  @BeforeEach
  void setUp() {
    sandbox = SuprSendSandbox.start(SandboxOptions.defaults());
    trigger =
        new SuprSendNotificationImpl(
            SuprSendClients.triggerApi(SuprSendSettings.of(sandbox.baseUrl(), sandbox.apiKey())),
            new NotifySettings(
                null, null, Duration.ofSeconds(5), "offboarding-alerts", List.of("dpo")));
  }

  @AfterEach
  void tearDown() {
    sandbox.close();
  }

  /** An event as the workflow writes it, with a receipt full of things recipients do not need. */
  private static Notice notice(IdScheme scheme) {
    ObjectNode receipt = JSON.createObjectNode();
    receipt.put("distinctId", USER);
    receipt.put("outcome", "ALREADY_ABSENT");
    receipt.put("httpStatus", 404);
    receipt.put("dueBy", "2026-12-28T10:15:00Z");
    receipt.put("reason", "account closed by " + USER);
    receipt.putArray("timeline").addObject().put("note", "asked by " + USER);
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "offboarding.needs_attention");
    event.put("id", "3b6f0c1e-8d5a-4f0e-9a57-2d1c4e6b7a90");
    event.put("time", "2026-11-28T10:15:00.410Z");
    event.put("distinctId", USER);
    event.put("workflowId", scheme.workflowIdFor(USER));
    event.put("state", "NEEDS_ATTENTION");
    event.put(
        "detail",
        "SuprSend answered 404 (\"user [distinct_id: '"
            + USER
            + "'] not found\") for /v1/user/"
            + PathSegment.encode(USER)
            + "/");
    event.set("receipt", receipt);
    return new Notice(
        "3b6f0c1e-8d5a-4f0e-9a57-2d1c4e6b7a90",
        "offboarding.needs_attention",
        1795867115L,
        USER,
        event.toString());
  }

  private JsonNode sentData(IdScheme scheme) {
    assertThat(trigger.trigger(notice(scheme)).status()).isEqualTo(Status.SENT);
    assertThat(sandbox.triggers()).hasSize(1);
    return sandbox.triggers().get(0).body().path("data");
  }

  @Test
  void onAHashedRunTheTriggerNamesTheUserOnlyByTheHash() throws Exception {
    JsonNode data = sentData(IdScheme.SHA256);
    String hashed = IdScheme.SHA256.shownId(USER);
    assertThat(hashed).matches("sha256:[0-9a-f]{64}");
    assertThat(data.path("distinctId").asText()).isEqualTo(hashed);
    assertThat(data.path("workflowId").asText()).isEqualTo(IdScheme.SHA256.workflowIdFor(USER));
    assertThat(data.path("detail").asText()).contains(hashed).contains("404");
    String sent = sandbox.triggers().get(0).body().toString();
    assertThat(sent)
        .doesNotContain("erin")
        .doesNotContain(PathSegment.encode(USER))
        .doesNotContain(JSON.writeValueAsString(USER));
  }

  @Test
  void theTriggerCarriesASummaryForRecipientsNotTheAuditRecord() {
    JsonNode data = sentData(IdScheme.PLAIN);
    assertThat(fieldNames(data))
        .containsExactly(
            "type",
            "id",
            "time",
            "workflowId",
            "state",
            "distinctId",
            "outcome",
            "dueBy",
            "detail");
    assertThat(data.path("distinctId").asText()).isEqualTo(USER);
    assertThat(data.path("outcome").asText()).isEqualTo("ALREADY_ABSENT");
    assertThat(data.has("receipt")).isFalse();
    assertThat(data.toString()).doesNotContain("timeline", "account closed");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
