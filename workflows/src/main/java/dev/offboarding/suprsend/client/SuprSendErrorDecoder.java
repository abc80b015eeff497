package dev.offboarding.suprsend.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one place where SuprSend's non-2xx answers are read and classified into a {@link
 * FailureKind}. Every message it writes names the status, SuprSend's own message when there is one,
 * and what to do; server text is redacted of the API key and trimmed.
 */
public final class SuprSendErrorDecoder implements ErrorDecoder {

  /**
   * SuprSend's documented user-not-found message: {@code user [distinct_id: 'user1'] not found}.
   */
  private static final Pattern USER_NOT_FOUND =
      Pattern.compile("^user \\[distinct_id: '.*'\\] not found$", Pattern.DOTALL);

  private static final int MAX_BODY_BYTES = 16 * 1024;
  private static final int MAX_MESSAGE_CHARS = 300;

  private final ObjectMapper json;
  private final String apiKey;
  private final String baseUrl;
  private final Clock clock;
  private final Duration retryAfterCap;

  SuprSendErrorDecoder(
      ObjectMapper json, String apiKey, String baseUrl, Clock clock, Duration retryAfterCap) {
    this.json = json;
    this.apiKey = apiKey;
    this.baseUrl = baseUrl;
    this.clock = clock;
    this.retryAfterCap = retryAfterCap;
  }

  @Override
  public Exception decode(String methodKey, Response response) {
    int status = response.status();
    String body = readBody(response);
    JsonNode node = parseObject(body);
    String serverMessage = serverMessage(node);
    BodyShape shape = BodyShape.of(body, node, header(response, "Content-Type"));
    Duration retryAfter =
        RetryAfter.parse(header(response, "Retry-After"), clock, retryAfterCap).orElse(null);
    String said = serverMessage == null ? "" : " (\"" + serverMessage + "\")";

    if (status == 404) {
      if (isUserNotFound(node)) {
        return failure(
            FailureKind.USER_NOT_FOUND,
            status,
            "SuprSend answered 404" + said + ": the user is not in SuprSend (already absent)",
            serverMessage,
            null);
      }
      return failure(
          FailureKind.NOT_FROM_USER_API,
          status,
          "SuprSend answered 404 with "
              + shape.description
              + said
              + ": this did not come from SuprSend's user API, so the user was NOT treated as"
              + " deleted. Check SUPRSEND_BASE_URL (now "
              + baseUrl
              + "; SuprSend's is https://hub.suprsend.com)",
          serverMessage,
          null);
    }
    if (status >= 300 && status < 400) {
      return failure(
          FailureKind.REDIRECTED,
          status,
          "SuprSend answered a "
              + status
              + " redirect: SUPRSEND_BASE_URL (now "
              + baseUrl
              + ") does not point at SuprSend's API. Set it to the hub URL itself"
              + " (https://hub.suprsend.com, or your self-hosted hub)",
          serverMessage,
          null);
    }
    if (status == 401) {
      return failure(
          FailureKind.AUTHENTICATION,
          status,
          "SuprSend answered 401"
              + said
              + ": the API key was refused. Check SUPRSEND_API_KEY: it must be a current API key of"
              + " the workspace that holds the user (SuprSend dashboard, Developers -> API Keys)",
          serverMessage,
          null);
    }
    if (status == 403) {
      return failure(
          FailureKind.AUTHORIZATION,
          status,
          "SuprSend answered 403"
              + said
              + ": the API key may not delete users. Use a key of the right workspace with"
              + " permission to manage users (SUPRSEND_API_KEY)",
          serverMessage,
          null);
    }
    if (status == 429) {
      return failure(
          FailureKind.RATE_LIMITED,
          status,
          "SuprSend answered 429"
              + said
              + ": rate limited; "
              + nextAttempt(retryAfter)
              + ". Lower SUPRSEND_MAX_REQUESTS_PER_SECOND if this keeps happening",
          serverMessage,
          retryAfter);
    }
    // 408 and 5xx are temporary; so is a 4xx page that is not an API error body, because it came
    // from something in front of SuprSend (a proxy or load balancer), not from the API itself.
    if (status == 408 || status >= 500 || shape.fromProxy) {
      return failure(
          FailureKind.UNAVAILABLE,
          status,
          "SuprSend answered "
              + status
              + " with "
              + shape.description
              + said
              + ": a temporary failure; "
              + nextAttempt(retryAfter),
          serverMessage,
          retryAfter);
    }
    return failure(
        FailureKind.REJECTED,
        status,
        "SuprSend rejected the request with "
            + status
            + said
            + ": retrying the same request will not help. Check the distinct id and the request",
        serverMessage,
        null);
  }

  private static String nextAttempt(Duration retryAfter) {
    return retryAfter == null
        ? "Temporal retries with exponential backoff"
        : "Temporal retries after " + retryAfter.toSeconds() + "s (Retry-After)";
  }

  private SuprSendApiException failure(
      FailureKind kind, int status, String message, String serverMessage, Duration retryAfter) {
    return new SuprSendApiException(kind, status, redact(message), serverMessage, retryAfter, null);
  }

  private boolean isUserNotFound(JsonNode node) {
    if (node == null) {
      return false;
    }
    JsonNode code = node.get("code");
    if (code != null && !(code.isNumber() && code.asInt() == 404)) {
      return false;
    }
    JsonNode message = node.get("message");
    return message != null
        && message.isTextual()
        && USER_NOT_FOUND.matcher(message.textValue()).matches();
  }

  private JsonNode parseObject(String body) {
    if (body.isEmpty() || body.charAt(0) != '{') {
      return null;
    }
    try {
      JsonNode node = json.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException notJson) {
      return null;
    }
  }

  /** SuprSend's message from whichever error shape its API family uses. */
  private String serverMessage(JsonNode node) {
    if (node == null) {
      return null;
    }
    for (String field : new String[] {"message", "detail", "error"}) {
      JsonNode value = node.get(field);
      if (value != null && value.isTextual() && !value.textValue().isBlank()) {
        return clean(value.textValue());
      }
    }
    return null;
  }

  /** Trims, strips control characters and removes the API key from server-provided text. */
  private String clean(String text) {
    String flat = text.replaceAll("\\p{Cntrl}", " ").strip();
    flat = redact(flat);
    return flat.length() > MAX_MESSAGE_CHARS ? flat.substring(0, MAX_MESSAGE_CHARS) + "…" : flat;
  }

  private String redact(String text) {
    return apiKey == null || apiKey.isEmpty() ? text : text.replace(apiKey, "<redacted>");
  }

  private static String readBody(Response response) {
    if (response.body() == null) {
      return "";
    }
    try (InputStream in = response.body().asInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES);
      return new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (IOException unreadable) {
      return "";
    }
  }

  private static String header(Response response, String name) {
    for (var entry : response.headers().entrySet()) {
      if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
        Collection<String> values = entry.getValue();
        return values.isEmpty() ? null : values.iterator().next();
      }
    }
    return null;
  }

  /** What an error body looks like, for messages and for telling API errors from proxy pages. */
  private record BodyShape(String description, boolean fromProxy) {
    static BodyShape of(String body, JsonNode node, String contentType) {
      String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
      if (body.isEmpty()) {
        return new BodyShape("an empty body", true);
      }
      if (type.contains("html") || body.startsWith("<")) {
        return new BodyShape(
            "an HTML page (from a proxy or load balancer, not SuprSend's API)", true);
      }
      if (node == null) {
        return new BodyShape("a body that is not JSON", true);
      }
      return new BodyShape("JSON that is not SuprSend's user-not-found error", false);
    }
  }
}
