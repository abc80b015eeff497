package dev.offboarding.suprsend.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One API request the sandbox received (control-plane calls are not recorded).
 *
 * <p>{@link #headers()} is case-insensitive (names are stored lower-case) and holds the real
 * values, {@code Authorization} included, so tests can check what a client sent; {@link
 * #toString()} and the {@code /_sandbox/requests} endpoint redact it.
 *
 * @param at when the request was answered
 * @param method HTTP method
 * @param rawPath the path exactly as received, still percent-encoded
 * @param decodedDistinctId the decoded user id for {@code /v1/user/{id}/...} paths, else null
 * @param headers request headers
 * @param body request body as UTF-8 text ("" when none)
 * @param status the status answered, {@code 0} when the connection was dropped without an answer
 */
public record RecordedRequest(
    Instant at,
    String method,
    String rawPath,
    String decodedDistinctId,
    Map<String, List<String>> headers,
    String body,
    int status) {

  /** Copies the headers into an immutable, case-insensitive map. */
  public RecordedRequest {
    headers = copyHeaders(headers);
    body = body == null ? "" : body;
  }

  /** First value of a header (case-insensitive name), or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The headers with credentials replaced by {@code <redacted>}. */
  public Map<String, List<String>> redactedHeaders() {
    return redact(headers);
  }

  /** Like the generated one, but with the {@code Authorization} value redacted. */
  @Override
  public String toString() {
    return "RecordedRequest[at="
        + at
        + ", method="
        + method
        + ", rawPath="
        + rawPath
        + ", decodedDistinctId="
        + decodedDistinctId
        + ", headers="
        + redactedHeaders()
        + ", body="
        + body
        + ", status="
        + status
        + "]";
  }

  static Map<String, List<String>> copyHeaders(Map<String, List<String>> source) {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (source != null) {
      source.forEach(
          (name, values) ->
              copy.put(name.toLowerCase(Locale.ROOT), values == null ? List.of() : copyOf(values)));
    }
    return java.util.Collections.unmodifiableMap(copy);
  }

  static Map<String, List<String>> redact(Map<String, List<String>> headers) {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> {
          if (isSecret(name)) {
            copy.put(name, values.stream().map(RecordedRequest::redactValue).toList());
          } else {
            copy.put(name, values);
          }
        });
    return java.util.Collections.unmodifiableMap(copy);
  }

  private static List<String> copyOf(List<String> values) {
    return values.stream().map(v -> v == null ? "" : v).toList();
  }

  private static boolean isSecret(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("authorization")
        || n.equals("proxy-authorization")
        || n.equals("cookie")
        || n.equals("x-api-key");
  }

  private static String redactValue(String value) {
    int space = value.indexOf(' ');
    return space > 0 ? value.substring(0, space) + " <redacted>" : "<redacted>";
  }
}
