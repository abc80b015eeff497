package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The workflow input, part of the public JSON contract:
 *
 * <pre>{"distinctId": "user-42", "reason": "account closed", "requestedBy": "gdpr-service"}</pre>
 *
 * <p>Only {@code distinctId} is required. Unknown fields are ignored so that callers in other
 * languages can send newer inputs to older workers.
 *
 * @param distinctId the SuprSend distinct id of the user to delete
 * @param reason why the user is offboarded (free text, shown in the receipt)
 * @param requestedBy who or what asked for it (a service name, a ticket, a person)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OffboardingRequest(String distinctId, String reason, String requestedBy) {

  /** A request with only the id. */
  public static OffboardingRequest of(String distinctId) {
    return new OffboardingRequest(distinctId, null, null);
  }
}
