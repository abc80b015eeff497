package dev.offboarding.suprsend.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** The one API key the sandbox accepts as {@code Authorization: Bearer <key>}; rotatable. */
final class BearerAuth {

  private volatile String apiKey;

  BearerAuth(String apiKey) {
    setApiKey(apiKey);
  }

  String apiKey() {
    return apiKey;
  }

  void setApiKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("key must not be blank");
    }
    this.apiKey = key;
  }

  /** Whether the header carries the current key (compared in constant time). */
  boolean isAuthorized(String authorization) {
    if (authorization == null || authorization.length() < 7) {
      return false;
    }
    if (!authorization.substring(0, 7).equalsIgnoreCase("Bearer ")) {
      return false;
    }
    byte[] presented = authorization.substring(7).getBytes(StandardCharsets.UTF_8);
    byte[] expected = apiKey.getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(presented, expected);
  }
}
