package dev.offboarding.suprsend.devtools.stack;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Base64;

/** What the Temporal UI asks its server for (its HTTP API), and what it sends the codec server. */
final class UiServerApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  UiServerApi(String base) {
    this.base = base;
  }

  /** The workflow list for a visibility query, as the UI's list page gets it (raw JSON). */
  String listWorkflows(String query) {
    return get("/api/v1/namespaces/default/workflows?query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8))
        .toString();
  }

  /** The codec endpoint the UI is configured to call. */
  String codecEndpoint() {
    return get("/api/v1/settings").path("Codec").path("Endpoint").asText();
  }

  /** The first payload of the run's input, as the UI receives it (JSON, still encoded). */
  String firstInputPayload(String workflowId) {
    JsonNode history =
        get(
            "/api/v1/namespaces/default/workflows/"
                + URLEncoder.encode(workflowId, StandardCharsets.UTF_8).replace("+", "%20")
                + "/history?maximumPageSize=5");
    JsonNode payload =
        history
            .path("history")
            .path("events")
            .path(0)
            .path("workflowExecutionStartedEventAttributes")
            .path("input")
            .path("payloads")
            .path(0);
    assertThat(payload.isObject()).as("the run's input payload in %s", history).isTrue();
    return payload.toString();
  }

  /** The payload's data, base64-decoded. */
  static String decodedData(String payloadJson) {
    try {
      return new String(
          Base64.getDecoder().decode(JSON.readTree(payloadJson).path("data").asText()),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a payload: " + payloadJson, e);
    }
  }

  /**
   * POST {endpoint}/decode as the UI does from the browser at {@code origin}: the CORS header must
   * allow that origin; returns the first decoded payload's data.
   */
  String decodeThroughCodecServer(String endpoint, String payloadJson, String origin) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(endpoint + "/decode"))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .header("Origin", origin)
                  .POST(HttpRequest.BodyPublishers.ofString("{\"payloads\":[" + payloadJson + "]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
      return decodedData(JSON.readTree(response.body()).path("payloads").path(0).toString());
    } catch (IOException e) {
      throw new IllegalStateException("the codec server did not answer at " + endpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "the UI server answered GET "
                + path
                + " with "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("the UI server did not answer GET " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
