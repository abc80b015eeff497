package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An answer about to be written: status, content type, body, extra headers and an optional
 * transport fault. Built once and written once, never compared, so the array body is fine.
 */
@SuppressWarnings("ArrayRecordComponent")
record Reply(
    int status,
    String contentType,
    byte[] body,
    Map<String, String> headers,
    ScriptedResponse.Fault fault,
    Duration stall) {

  static final String JSON = "application/json";
  static final String HTML = "text/html; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  static Reply json(int status, JsonNode node) {
    return new Reply(
        status, JSON, Json.bytes(node), Map.of(), ScriptedResponse.Fault.NONE, Duration.ZERO);
  }

  static Reply text(int status, String text) {
    return new Reply(
        status,
        TEXT,
        text.getBytes(StandardCharsets.UTF_8),
        Map.of(),
        ScriptedResponse.Fault.NONE,
        Duration.ZERO);
  }

  /** The HTML page a router or proxy answers with, e.g. for an unknown route. */
  static Reply routerHtml(int status) {
    String page = "<html><body><h1>" + status + " " + reason(status) + "</h1></body></html>";
    return html(status, page);
  }

  /** An nginx-style error page, as load balancers send. */
  static Reply proxyHtml(int status) {
    String page = "<html><body><h1>" + status + " " + reason(status) + "</h1>nginx</body></html>";
    return html(status, page);
  }

  static Reply empty(int status) {
    return new Reply(
        status, null, new byte[0], Map.of(), ScriptedResponse.Fault.NONE, Duration.ZERO);
  }

  static Reply reset() {
    return new Reply(
        0, null, new byte[0], Map.of(), ScriptedResponse.Fault.CONNECTION_RESET, Duration.ZERO);
  }

  private static Reply html(int status, String page) {
    return new Reply(
        status,
        HTML,
        page.getBytes(StandardCharsets.UTF_8),
        Map.of(),
        ScriptedResponse.Fault.NONE,
        Duration.ZERO);
  }

  Reply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, contentType, body, Map.copyOf(copy), fault, stall);
  }

  /** Same answer, but the body pauses for {@code pause} halfway through. */
  Reply stalled(Duration pause) {
    return new Reply(status, contentType, body, headers, ScriptedResponse.Fault.STALL_BODY, pause);
  }

  /** The status recorded for this answer ({@code 0} for a dropped connection). */
  int recordedStatus() {
    return fault == ScriptedResponse.Fault.CONNECTION_RESET ? 0 : status;
  }

  /**
   * Writes the answer. For {@link ScriptedResponse.Fault#CONNECTION_RESET} nothing is written:
   * closing an exchange that has sent no headers closes its socket.
   */
  void writeTo(HttpExchange exchange) throws IOException, InterruptedException {
    if (fault == ScriptedResponse.Fault.CONNECTION_RESET) {
      return;
    }
    Headers out = exchange.getResponseHeaders();
    if (contentType != null) {
      out.set("Content-Type", contentType);
    }
    headers.forEach(out::set);
    if (body.length == 0) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream os = exchange.getResponseBody()) {
      if (fault == ScriptedResponse.Fault.STALL_BODY) {
        int first = Math.max(1, body.length / 2);
        os.write(body, 0, first);
        os.flush();
        TimeUnit.NANOSECONDS.sleep(stall.toNanos());
        os.write(body, first, body.length - first);
      } else {
        os.write(body);
      }
    }
  }

  /** Reason phrase for the status codes the sandbox is likely to be scripted with. */
  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 413 -> "Payload Too Large";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "Status";
    };
  }
}
