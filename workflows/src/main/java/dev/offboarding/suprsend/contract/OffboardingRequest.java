package dev.offboarding.suprsend.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.time.Instant;

/**
 * The workflow input, part of the public JSON contract:
 *
 * <pre>{"distinctId": "user-42", "reason": "account closed", "requestedBy": "gdpr-service",
 *  "gracePeriod": "PT72H", "requireApproval": true, "dueBy": "2026-12-28T00:00:00Z"}</pre>
 *
 * <p>Only {@code distinctId} is required. Unknown fields are ignored so that callers in other
 * languages can send newer inputs to older workers. Durations and times are ISO-8601 strings, read
 * and checked by {@link RequestTerms} (a malformed one fails the run before anything happens).
 *
 * @param distinctId the SuprSend distinct id of the user to delete
 * @param reason why the user is offboarded (free text, shown in the receipt and the Temporal UI)
 * @param requestedBy who or what asked for it (a service name, a ticket, a person)
 * @param gracePeriod how long to wait before deleting, during which {@code cancel} calls it off
 *     (ISO-8601 duration such as {@code PT72H}); null for none
 * @param requireApproval wait for {@code approve} (or {@code reject}) before deleting
 * @param dueBy when the offboarding must be finished (ISO-8601 instant); null for one month after
 *     the run started (GDPR's answer period)
 * @param continued set by the workflow itself when a run continues as new (what the run so far
 *     did); callers leave it out
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OffboardingRequest(
    String distinctId,
    String reason,
    String requestedBy,
    String gracePeriod,
    boolean requireApproval,
    String dueBy,
    RunSoFar continued) {

  /** The longest {@code reason}, in characters. */
  public static final int MAX_REASON_CHARS = 1000;

  /** The longest {@code requestedBy}, in characters. */
  public static final int MAX_REQUESTED_BY_CHARS = 200;

  /** A request as callers write it (nothing continued). */
  public OffboardingRequest(
      String distinctId,
      String reason,
      String requestedBy,
      String gracePeriod,
      boolean requireApproval,
      String dueBy) {
    this(distinctId, reason, requestedBy, gracePeriod, requireApproval, dueBy, null);
  }

  /** The original three-field request: no waiting phase, the default due date. */
  public OffboardingRequest(String distinctId, String reason, String requestedBy) {
    this(distinctId, reason, requestedBy, null, false, null);
  }

  /** A request with only the id. */
  public static OffboardingRequest of(String distinctId) {
    return new OffboardingRequest(distinctId, null, null);
  }

  /** This request with a grace period. */
  public OffboardingRequest withGracePeriod(Duration period) {
    return new OffboardingRequest(
        distinctId,
        reason,
        requestedBy,
        period == null ? null : period.toString(),
        requireApproval,
        dueBy);
  }

  /** This request, to be continued by a new run with what the run so far did. */
  public OffboardingRequest continuedWith(RunSoFar soFar) {
    return new OffboardingRequest(
        distinctId, reason, requestedBy, gracePeriod, requireApproval, dueBy, soFar);
  }

  /** This request waiting for an approver (or not). */
  public OffboardingRequest withApproval(boolean required) {
    return new OffboardingRequest(distinctId, reason, requestedBy, gracePeriod, required, dueBy);
  }

  /** This request with a due date. */
  public OffboardingRequest withDueBy(Instant due) {
    return new OffboardingRequest(
        distinctId,
        reason,
        requestedBy,
        gracePeriod,
        requireApproval,
        due == null ? null : due.toString());
  }
}
