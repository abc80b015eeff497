package dev.offboarding.suprsend.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.RequestLine;
import java.util.List;

/**
 * SuprSend's workflow trigger, {@code POST /trigger/}. Build it with {@link
 * SuprSendClients#triggerApi}. Non-2xx answers are raised as {@link SuprSendApiException}.
 */
@Headers({"Accept: application/json", "Content-Type: application/json"})
public interface SuprSendTriggerApi {

  /** Triggers a SuprSend workflow; 202 means accepted (not delivered). */
  @RequestLine("POST /trigger/")
  Accepted trigger(Trigger body);

  /**
   * The trigger body. Recipients are plain distinct ids, never objects: an object recipient carries
   * properties that would upsert (re-create) that user.
   *
   * @param workflow the SuprSend workflow slug
   * @param recipients 1 to 100 distinct ids
   * @param data what the workflow's templates can use
   * @param idempotencyKey SuprSend's {@code $idempotency_key}: a repeat within 24 h is not resent
   */
  record Trigger(
      @JsonProperty("workflow") String workflow,
      @JsonProperty("recipients") List<String> recipients,
      @JsonProperty("data") JsonNode data,
      @JsonProperty("$idempotency_key") String idempotencyKey) {}

  /** {@code {"message_id": "...", "status": "success"}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Accepted(
      @JsonProperty("message_id") String messageId, @JsonProperty("status") String status) {}
}
