package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a fresh sandbox per test and offers small HTTP helpers built on java.net.http. */
abstract class SandboxTestBase {

  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final ObjectMapper MAPPER = new ObjectMapper();

  SuprSendSandbox sandbox;

  @BeforeEach
  void startSandbox() {
    sandbox = SuprSendSandbox.start(SandboxOptions.defaults());
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }

  /** Percent-encodes everything but ALPHA / DIGIT / "-_~", as a careful client would. */
  static String enc(String id) {
    return PathSegments.encode(id);
  }

  HttpResponse<String> api(String method, String rawPath) throws Exception {
    return api(method, rawPath, null, sandbox.apiKey());
  }

  HttpResponse<String> api(String method, String rawPath, String body) throws Exception {
    return api(method, rawPath, body, sandbox.apiKey());
  }

  HttpResponse<String> api(String method, String rawPath, String body, String key)
      throws Exception {
    HttpRequest.Builder b = request(method, rawPath, body).timeout(Duration.ofSeconds(10));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> control(String method, String path, String body) throws Exception {
    return HTTP.send(
        request(method, path, body).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpRequest.Builder request(String method, String rawPath, String body) {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + rawPath)).method(method, publisher);
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return b;
  }

  static JsonNode json(HttpResponse<String> response) {
    return json(response.body());
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String contentType(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }
}
