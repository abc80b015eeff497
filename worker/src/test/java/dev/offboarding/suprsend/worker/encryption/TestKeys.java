package dev.offboarding.suprsend.worker.encryption;

import java.security.SecureRandom;
import java.util.Base64;

/** Fresh random AES-256 keys in the OFFBOARDING_ENCRYPTION_KEY format. */
final class TestKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestKeys() {}

  /** {@code id:base64(32 random bytes)}. */
  static String entry(String id) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return id + ":" + Base64.getEncoder().encodeToString(key);
  }

  /** The base64 key material of an entry. */
  static String material(String entry) {
    return entry.substring(entry.indexOf(':') + 1);
  }
}
