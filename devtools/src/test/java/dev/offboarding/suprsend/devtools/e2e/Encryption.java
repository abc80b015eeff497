package dev.offboarding.suprsend.devtools.e2e;

import dev.offboarding.suprsend.worker.encryption.CodecServer;
import dev.offboarding.suprsend.worker.encryption.CodecServerConfig;
import dev.offboarding.suprsend.worker.encryption.EncryptionKeys;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A fresh {@code OFFBOARDING_ENCRYPTION_KEY} and codec server token for one test, and the codec
 * server that decodes with them for the given browser origins (the Temporal UI's).
 */
record Encryption(String key, String token, List<String> corsOrigins) {

  private static final SecureRandom RANDOM = new SecureRandom();

  static Encryption random(List<String> corsOrigins) {
    byte[] material = new byte[32];
    RANDOM.nextBytes(material);
    byte[] token = new byte[24];
    RANDOM.nextBytes(token);
    return new Encryption(
        "e2e-" + System.currentTimeMillis() + ":" + Base64.getEncoder().encodeToString(material),
        HexFormat.of().formatHex(token),
        List.copyOf(corsOrigins));
  }

  /** On loopback, any free port. */
  CodecServer startCodecServer() {
    return CodecServer.start(
        new CodecServerConfig(token, "127.0.0.1", 0, corsOrigins, EncryptionKeys.parse(key)));
  }

  /** The endpoint for the {@code temporal} CLI (the token goes in {@code --codec-auth}). */
  String codecEndpoint(CodecServer codec) {
    return "http://127.0.0.1:" + codec.port();
  }

  /**
   * The endpoint for the Temporal UI, which cannot add headers: the token as a path segment (see
   * docs/reliability.md).
   */
  String uiCodecEndpoint(CodecServer codec) {
    return codecEndpoint(codec) + "/" + token;
  }
}
