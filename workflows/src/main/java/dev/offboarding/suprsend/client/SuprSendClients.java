package dev.offboarding.suprsend.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.Version;
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.Retryer;
import feign.http2client.Http2Client;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The one builder that wires SuprSend's Feign clients: Bearer auth, a User-Agent, explicit
 * timeouts, Jackson, the error decoder, and no retries (Temporal owns retries; a client that
 * retried on its own would hide attempts from the audit trail and stack on Temporal's backoff).
 */
public final class SuprSendClients {

  /** Sent on every request so SuprSend can tell this tool's traffic apart. */
  public static final String USER_AGENT = "suprsend-offboarding/" + Version.current();

  private SuprSendClients() {}

  /** A user API client for {@code settings}. Thread-safe; build it once per process. */
  public static SuprSendUserApi userApi(SuprSendSettings settings) {
    return builder(settings, Clock.systemUTC()).target(SuprSendUserApi.class, settings.target());
  }

  /** A subscriber-list API client for {@code settings}. Thread-safe; build it once per process. */
  public static SuprSendListApi listApi(SuprSendSettings settings) {
    return builder(settings, Clock.systemUTC()).target(SuprSendListApi.class, settings.target());
  }

  /** A workflow-trigger client for {@code settings}. Thread-safe; build it once per process. */
  public static SuprSendTriggerApi triggerApi(SuprSendSettings settings) {
    return builder(settings, Clock.systemUTC()).target(SuprSendTriggerApi.class, settings.target());
  }

  /**
   * The JDK's HTTP client: HTTP/2 over TLS, HTTP/1.1 in clear text (no h2c upgrade dance with local
   * servers), redirects never followed. Unlike {@code HttpURLConnection} it does not silently
   * resend a DELETE on a broken connection, so every attempt Temporal counts is one request.
   */
  private static HttpClient httpClient(SuprSendSettings settings) {
    boolean tls = "https".equalsIgnoreCase(settings.baseUrl().getScheme());
    return HttpClient.newBuilder()
        .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(settings.connectTimeout())
        .build();
  }

  /** The shared builder, for any SuprSend API interface. */
  public static Feign.Builder builder(SuprSendSettings settings, Clock clock) {
    ObjectMapper json =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    return Feign.builder()
        .client(new Http2Client(httpClient(settings)))
        .encoder(new JacksonEncoder(json))
        .decoder(new StatusAwareDecoder(new JacksonDecoder(json)))
        .errorDecoder(
            new SuprSendErrorDecoder(
                json, settings.apiKey(), settings.target(), clock, settings.retryAfterCap()))
        .retryer(Retryer.NEVER_RETRY)
        .options(
            new Request.Options(
                settings.connectTimeout().toMillis(),
                TimeUnit.MILLISECONDS,
                settings.readTimeout().toMillis(),
                TimeUnit.MILLISECONDS,
                false))
        .requestInterceptor(
            template ->
                template
                    .header("Authorization", "Bearer " + settings.apiKey())
                    .header("User-Agent", USER_AGENT))
        // Feign's loggers can print headers; this one prints nothing, so the key cannot leak.
        .logger(new Logger.NoOpLogger())
        .logLevel(Logger.Level.NONE);
  }
}
