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

  /**
   * {@code true} allows a plain {@code http://} base URL to a host that is not this machine (only
   * for a private network such as docker-compose's sandbox): the API key then travels in clear.
   */
  public static final String ALLOW_INSECURE_HTTP = "SUPRSEND_ALLOW_INSECURE_HTTP";

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

  /**
   * Why the API key may not be sent to {@code baseUrl}, or null when it may: every request carries
   * it as a Bearer header, so plain {@code http} is refused unless the host is loopback ({@code
   * localhost}, {@code 127.0.0.0/8}, {@code ::1}) or {@code insecureAllowed} ({@link
   * #ALLOW_INSECURE_HTTP}).
   */
  public static String transportProblem(URI baseUrl, boolean insecureAllowed) {
    if (!"http".equalsIgnoreCase(baseUrl.getScheme())
        || insecureAllowed
        || LoopbackHost.is(baseUrl.getHost())) {
      return null;
    }
    return "SUPRSEND_BASE_URL is plain http to "
        + baseUrl.getHost()
        + ", which is not this machine: the SuprSend API key would travel in clear text. Use"
        + " https://, or, only on a private network you trust (such as the docker-compose"
        + " sandbox), set "
        + ALLOW_INSECURE_HTTP
        + "=true";
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
