package dev.offboarding.suprsend.worker.encryption;

import dev.offboarding.suprsend.worker.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The codec server's settings, from the environment. {@link #toString()} shows neither the token
 * nor the keys.
 *
 * @param token the bearer token every encode/decode request must present
 * @param bind the listen address
 * @param port the listen port (0: any free port, for tests)
 * @param corsOrigins browser origins allowed to call it (the Temporal UI's)
 * @param keys the keys to encode and decode with
 */
public record CodecServerConfig(
    String token, String bind, int port, List<String> corsOrigins, EncryptionKeys keys) {

  public static final String TOKEN = "OFFBOARDING_CODEC_SERVER_TOKEN";
  public static final String PORT = "OFFBOARDING_CODEC_SERVER_PORT";
  public static final String BIND = "OFFBOARDING_CODEC_SERVER_BIND";
  public static final String CORS_ORIGINS = "OFFBOARDING_CODEC_SERVER_CORS_ORIGINS";
  public static final int DEFAULT_PORT = 8888;

  /** Where docker-compose.yml publishes the Temporal UI. */
  public static final String DEFAULT_ORIGIN = "http://localhost:8080";

  static final int MIN_TOKEN_LENGTH = 16;

  /** Reads and validates; throws {@link ConfigException} listing every problem. */
  public static CodecServerConfig fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    String token = value(env, TOKEN);
    if (token == null) {
      problems.add(
          TOKEN
              + " is not set: the codec server decrypts for whoever calls it, so it requires a"
              + " bearer token (openssl rand -hex 32 makes one)");
    } else if (token.length() < MIN_TOKEN_LENGTH) {
      problems.add(TOKEN + " is too short: use at least " + MIN_TOKEN_LENGTH + " characters");
    }
    int port = DEFAULT_PORT;
    String portText = value(env, PORT);
    if (portText != null) {
      try {
        port = Integer.parseInt(portText);
        if (port < 0 || port > 65_535) {
          problems.add(PORT + " must be a port number (1-65535), was " + portText);
        }
      } catch (NumberFormatException e) {
        problems.add(PORT + " must be a port number (1-65535), was '" + portText + "'");
      }
    }
    String bind = value(env, BIND) == null ? "127.0.0.1" : value(env, BIND);
    String origins = value(env, CORS_ORIGINS);
    List<String> corsOrigins =
        origins == null ? List.of(DEFAULT_ORIGIN) : List.of(origins.split("\\s*,\\s*"));
    EncryptionKeys keys = EncryptionKeys.none();
    try {
      keys = EncryptionKeys.fromEnvironment(env);
      if (!keys.enabled()) {
        problems.add(
            EncryptionKeys.VARIABLE
                + " is not set: the codec server needs the workers' keys to decode their payloads");
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new CodecServerConfig(token, bind, port, corsOrigins, keys);
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  @Override
  public String toString() {
    return "CodecServerConfig[token=<redacted>, bind="
        + bind
        + ", port="
        + port
        + ", corsOrigins="
        + corsOrigins
        + ", keys="
        + keys
        + "]";
  }
}
