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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where SuprSend's non-2xx answers are read and classified into a {@link
 * FailureKind}. Every message it writes names the status, SuprSend's own message when there is one,
 * and what to do; server text is redacted of the API key and trimmed.
 */
public final class SuprSendErrorDecoder implements ErrorDecoder {

  /**
   * SuprSend's documented user-not-found message, {@code user [distinct_id: 'user1'] not found};
   * group 1 is the id it names.
   */
  private static final Pattern USER_NOT_FOUND =
      Pattern.compile("^user \\[distinct_id: '(.*)'\\] not found$", Pattern.DOTALL);

  /**
   * The subscriber-list API's list-not-found message, {@code list [list_id: 'staff'] not found};
   * group 1 is the list id it names.
   */
  private static final Pattern LIST_NOT_FOUND =
      Pattern.compile("^list \\[list_id: '(.*)'\\] not found$", Pattern.DOTALL);

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
    Answer answer = read(response);
    FailureKind kind = classify(answer);
    Duration retryAfter = kind.retryable() ? answer.retryAfter() : null;
    return new SuprSendApiException(
        kind,
        answer.status(),
        redact(explain(kind, answer)),
        answer.serverMessage(),
        retryAfter,
        null);
  }

  /** Everything the decisions look at, read once from the response. */
  private record Answer(
      int status,
      RequestedResource resource,
      JsonNode node,
      String serverMessage,
      BodyShape shape,
      Duration retryAfter) {

    /** {@code (" <SuprSend's message>")}, or nothing when it sent none. */
    String said() {
      return serverMessage == null ? "" : " (\"" + serverMessage + "\")";
    }
  }

  private Answer read(Response response) {
    String body = readBody(response);
    JsonNode node = parseObject(body);
    RequestedResource resource = RequestedResource.of(response.request());
    return new Answer(
        response.status(),
        resource,
        node,
        serverMessage(node),
        BodyShape.of(
            body, node, header(response, "Content-Type"), resource, isNotFoundMessage(node)),
        RetryAfter.parse(header(response, "Retry-After"), clock, retryAfterCap).orElse(null));
  }

  // ---- decisions ----

  /** What the answer means. Every decision about SuprSend's answers is taken here. */
  private static FailureKind classify(Answer answer) {
    int status = answer.status();
    if (status == 404) {
      return notFound(answer);
    }
    if (status >= 300 && status < 400) {
      return FailureKind.REDIRECTED;
    }
    if (status == 401) {
      return FailureKind.AUTHENTICATION;
    }
    if (status == 403) {
      return FailureKind.AUTHORIZATION;
    }
    if (status == 429) {
      return FailureKind.RATE_LIMITED;
    }
    // 408 and 5xx are temporary; so is a 4xx page that is not an API error body, because it came
    // from something in front of SuprSend (a proxy or load balancer), not from the API itself.
    if (status == 408 || status >= 500 || answer.shape().fromProxy()) {
      return FailureKind.UNAVAILABLE;
    }
    return FailureKind.REJECTED;
  }

  /**
   * A 404 means "not there" only when it is SuprSend's own JSON not-found ({@code code} 404) for
   * exactly the user or list the request named; anything else did not come from that API.
   */
  private static FailureKind notFound(Answer answer) {
    RequestedResource asked = answer.resource();
    return switch (asked.type()) {
      case USER ->
          namesExactly(answer.node(), USER_NOT_FOUND, asked.id())
              ? FailureKind.USER_NOT_FOUND
              : FailureKind.NOT_FROM_USER_API;
      case LIST ->
          namesExactly(answer.node(), LIST_NOT_FOUND, asked.id())
              ? FailureKind.LIST_NOT_FOUND
              : FailureKind.NOT_FROM_USER_API;
      case OTHER -> FailureKind.NOT_FROM_USER_API;
    };
  }

  /** True when {@code node} is {@code {"code":404,"message":<form naming exactly id>}}. */
  private static boolean namesExactly(JsonNode node, Pattern form, String id) {
    String named = namedBy(node, form);
    return named != null && named.equals(id) && hasCode404(node);
  }

  private static boolean hasCode404(JsonNode node) {
    JsonNode code = node.get("code");
    return code != null && code.isIntegralNumber() && code.asLong() == 404;
  }

  /** The id a not-found message of {@code form} names, or null when it is not that message. */
  private static String namedBy(JsonNode node, Pattern form) {
    JsonNode message = node == null ? null : node.get("message");
    if (message == null || !message.isTextual()) {
      return null;
    }
    Matcher matcher = form.matcher(message.textValue());
    return matcher.matches() ? matcher.group(1) : null;
  }

  /** True when the body has the shape of a not-found message at all (for the description). */
  private static boolean isNotFoundMessage(JsonNode node) {
    return namedBy(node, USER_NOT_FOUND) != null || namedBy(node, LIST_NOT_FOUND) != null;
  }

  // ---- words ----

  /** The message for {@code kind}: the status, SuprSend's own words, and what to do. */
  private String explain(FailureKind kind, Answer answer) {
    int status = answer.status();
    String said = answer.said();
    return switch (kind) {
      case USER_NOT_FOUND ->
          "SuprSend answered 404" + said + ": the user is not in SuprSend (already absent)";
      case LIST_NOT_FOUND ->
          "SuprSend answered 404" + said + ": the subscriber list is not in SuprSend";
      case NOT_FROM_USER_API -> notFromTheApi(answer);
      case REDIRECTED ->
          "SuprSend answered a "
              + status
              + " redirect: SUPRSEND_BASE_URL (now "
              + baseUrl
              + ") does not point at SuprSend's API. Set it to the hub URL itself"
              + " (https://hub.suprsend.com, or your self-hosted hub)";
      case AUTHENTICATION ->
          "SuprSend answered 401"
              + said
              + ": the API key was refused. Check SUPRSEND_API_KEY: it must be a current API key of"
              + " the workspace that holds the user (SuprSend dashboard, Developers -> API Keys)";
      case AUTHORIZATION ->
          "SuprSend answered 403"
              + said
              + ": the API key may not delete users. Use a key of the right workspace with"
              + " permission to manage users (SUPRSEND_API_KEY)";
      case RATE_LIMITED ->
          "SuprSend answered 429"
              + said
              + ": rate limited; "
              + nextAttempt(answer.retryAfter())
              + ". Lower SUPRSEND_MAX_REQUESTS_PER_SECOND if this keeps happening";
      case UNAVAILABLE ->
          "SuprSend answered "
              + status
              + " with "
              + answer.shape().description()
              + said
              + ": a temporary failure; "
              + nextAttempt(answer.retryAfter());
      // UNREACHABLE never comes from an answer; it is listed only to keep the switch complete.
      case REJECTED, UNREACHABLE ->
          "SuprSend rejected the request with "
              + status
              + said
              + ": retrying the same request will not help. Check the distinct id and the request";
    };
  }

  private String notFromTheApi(Answer answer) {
    boolean list = answer.resource().type() == RequestedResource.Type.LIST;
    return "SuprSend answered 404 with "
        + answer.shape().description()
        + answer.said()
        + (list
            ? ": this did not come from SuprSend's subscriber-list API, so the list was NOT"
                + " treated as gone"
            : ": this did not come from SuprSend's user API, so the user was NOT treated as"
                + " deleted")
        + ". Check SUPRSEND_BASE_URL (now "
        + baseUrl
        + "; SuprSend's is https://hub.suprsend.com)";
  }

  private static String nextAttempt(Duration retryAfter) {
    return retryAfter == null
        ? "Temporal retries with exponential backoff"
        : "Temporal retries after " + retryAfter.toSeconds() + "s (Retry-After)";
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
    static BodyShape of(
        String body,
        JsonNode node,
        String contentType,
        RequestedResource asked,
        boolean wrongNotFound) {
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
      String thing = asked.type() == RequestedResource.Type.LIST ? "list" : "user";
      if (wrongNotFound) {
        return new BodyShape(
            "a not-found that does not name the " + thing + " asked for (or lacks code 404)",
            false);
      }
      return new BodyShape("JSON that is not SuprSend's " + thing + "-not-found error", false);
    }
  }
}
