package dev.offboarding.suprsend.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach SuprSend. {@link #toString()} never shows the API key.
 *
 * @param baseUrl the hub URL, {@code https://hub.suprsend.com} unless self-hosted
 * @param apiKey the workspace API key, sent as {@code Authorization: Bearer}
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout how long to wait for the answer
 * @param retryAfterCap the longest {@code Retry-After} honoured
 */
public record SuprSendSettings(
    URI baseUrl,
    String apiKey,
    Duration connectTimeout,
    Duration readTimeout,
    Duration retryAfterCap) {

  /** SuprSend's public hub. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://hub.suprsend.com");

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  public SuprSendSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(retryAfterCap, "retryAfterCap");
  }

  /** Settings with the default timeouts and cap. */
  public static SuprSendSettings of(URI baseUrl, String apiKey) {
    return new SuprSendSettings(
        baseUrl, apiKey, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, RetryAfter.DEFAULT_CAP);
  }

  /** The base URL without a trailing slash, as Feign's target wants it. */
  public String target() {
    String url = baseUrl.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public String toString() {
    return "SuprSendSettings[baseUrl="
        + baseUrl
        + ", apiKey=<redacted>, connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", retryAfterCap="
        + retryAfterCap
        + "]";
  }
}
