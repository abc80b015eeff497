package dev.offboarding.suprsend.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request to the sandbox's webhook receiver ({@code /_sandbox/webhook}).
 *
 * @param at when it arrived
 * @param headers request headers, case-insensitive, lower-case names
 * @param body body as UTF-8 text
 */
public record WebhookCall(Instant at, Map<String, List<String>> headers, String body) {

  /** Copies the headers into an immutable, case-insensitive map. */
  public WebhookCall {
    headers = RecordedRequest.copyHeaders(headers);
    body = body == null ? "" : body;
  }

  /** First value of a header (case-insensitive name), or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Redacts credential headers. */
  @Override
  public String toString() {
    return "WebhookCall[at="
        + at
        + ", headers="
        + RecordedRequest.redact(headers)
        + ", body="
        + body
        + "]";
  }
}
