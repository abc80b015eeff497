package dev.offboarding.suprsend.devtools.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/** The sandbox's control plane ({@code /_sandbox/...}), over HTTP: the test's view of SuprSend. */
final class SandboxControl {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  SandboxControl(String base) {
    this.base = base + "/_sandbox";
  }

  void addUsers(Collection<String> ids) {
    send("POST", "/users", Map.of("distinct_ids", ids));
  }

  int userCount() {
    return send("GET", "/users/count", null).path("count").asInt();
  }

  boolean exists(String id) {
    return send("GET", "/users/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null)
        .path("exists")
        .asBoolean();
  }

  private JsonNode send(String method, String path, Object body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      }
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      // GET /users/{id} answers 404 with {"exists": false} for a user it does not hold.
      if (response.statusCode() != 200
          && !(response.statusCode() == 404 && path.startsWith("/users/"))) {
        throw new IllegalStateException(
            method
                + " "
                + path
                + " answered "
                + response.statusCode()
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("the sandbox did not answer " + method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
