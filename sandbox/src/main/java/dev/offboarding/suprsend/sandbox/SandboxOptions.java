package dev.offboarding.suprsend.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Start-up options of a {@link SuprSendSandbox}.
 *
 * @param port TCP port on 127.0.0.1; {@code 0} picks a free ephemeral port
 * @param apiKey the Bearer key the emulated API accepts (rotate later with {@link
 *     SuprSendSandbox#setApiKey(String)})
 * @param latency delay added to every API request (not to {@code /_sandbox/*} endpoints)
 * @param rateLimitPerSecond token-bucket rate for API requests; {@code 0} disables rate limiting
 * @param threads size of the request-handling thread pool
 */
public record SandboxOptions(
    int port, String apiKey, Duration latency, double rateLimitPerSecond, int threads) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Validates the options. */
  public SandboxOptions {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    Objects.requireNonNull(apiKey, "apiKey");
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey must not be blank");
    }
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    if (!(rateLimitPerSecond >= 0) || Double.isInfinite(rateLimitPerSecond)) {
      throw new IllegalArgumentException("rateLimitPerSecond must be >= 0 and finite");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
  }

  /** Ephemeral port, a random throwaway key, no latency, no rate limit, 64 threads. */
  public static SandboxOptions defaults() {
    return new SandboxOptions(0, generateKey(), Duration.ZERO, 0, 64);
  }

  /** A random {@code sandbox-key-<hex>} key; only ever valid against a sandbox. */
  public static String generateKey() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "sandbox-key-" + HexFormat.of().formatHex(bytes);
  }

  /** Copy with another port. */
  public SandboxOptions withPort(int newPort) {
    return new SandboxOptions(newPort, apiKey, latency, rateLimitPerSecond, threads);
  }

  /** Copy with another API key. */
  public SandboxOptions withApiKey(String newApiKey) {
    return new SandboxOptions(port, newApiKey, latency, rateLimitPerSecond, threads);
  }

  /** Copy with another latency. */
  public SandboxOptions withLatency(Duration newLatency) {
    return new SandboxOptions(port, apiKey, newLatency, rateLimitPerSecond, threads);
  }

  /** Copy with another rate limit ({@code 0} = off). */
  public SandboxOptions withRateLimit(double newRateLimitPerSecond) {
    return new SandboxOptions(port, apiKey, latency, newRateLimitPerSecond, threads);
  }

  /** Copy with another thread-pool size. */
  public SandboxOptions withThreads(int newThreads) {
    return new SandboxOptions(port, apiKey, latency, rateLimitPerSecond, newThreads);
  }

  /** Never prints the API key. */
  @Override
  public String toString() {
    return "SandboxOptions[port="
        + port
        + ", apiKey=<redacted>, latency="
        + latency
        + ", rateLimitPerSecond="
        + rateLimitPerSecond
        + ", threads="
        + threads
        + "]";
  }
}
