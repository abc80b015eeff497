package dev.offboarding.suprsend.worker.encryption;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys from {@code OFFBOARDING_ENCRYPTION_KEY}: {@code keyId:base64key[,keyId:base64key
 * ...]}. The <b>first</b> key encrypts; every listed key decrypts, so a key is rotated by putting
 * the new one first and keeping the old ones until no history needs them. Messages name the
 * variable and the key ids, never key material; {@link #toString()} shows only the ids.
 */
public final class EncryptionKeys {

  /** The variable that holds the keys. */
  public static final String VARIABLE = "OFFBOARDING_ENCRYPTION_KEY";

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Map<String, SecretKey> keys;

  private EncryptionKeys(Map<String, SecretKey> keys) {
    this.keys = Collections.unmodifiableMap(keys);
  }

  /** No keys: nothing is encrypted, and encrypted payloads are refused with a clear message. */
  public static EncryptionKeys none() {
    return new EncryptionKeys(new LinkedHashMap<>());
  }

  /** Reads {@link #VARIABLE} from {@code env}; unset or blank means {@link #none()}. */
  public static EncryptionKeys fromEnvironment(Map<String, String> env) {
    String value = env.get(VARIABLE);
    if (value == null || value.isBlank()) {
      return none();
    }
    return parse(value);
  }

  /** What is wrong with {@link #VARIABLE} in {@code env}, one line, or nothing. */
  public static List<String> problemsWith(Map<String, String> env) {
    try {
      fromEnvironment(env);
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
  }

  /**
   * Parses {@code keyId:base64key[,keyId:base64key...]}.
   *
   * @throws IllegalArgumentException naming {@link #VARIABLE} and what to fix, never echoing a key
   */
  public static EncryptionKeys parse(String value) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    List<String> entries = List.of(value.trim().split("\\s*,\\s*"));
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.get(i);
      String where = VARIABLE + " entry " + (i + 1);
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            where
                + " has no key id: write keyId:base64key, e.g. 2026-01:<32 random bytes in"
                + " base64> (openssl rand -base64 32)");
      }
      String id = entry.substring(0, colon).trim();
      if (!KEY_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            where + ": the key id must be 1-64 characters of A-Z a-z 0-9 . _ -");
      }
      if (keys.containsKey(id)) {
        throw new IllegalArgumentException(where + ": key id '" + id + "' appears twice");
      }
      byte[] key;
      try {
        key = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
      } catch (IllegalArgumentException notBase64) {
        throw new IllegalArgumentException(
            where
                + " ('"
                + id
                + "'): the key is not valid base64 (openssl rand -base64 32 makes one)");
      }
      if (key.length != 32) {
        throw new IllegalArgumentException(
            where
                + " ('"
                + id
                + "'): the key is "
                + key.length
                + " bytes; AES-256 needs exactly 32 (openssl rand -base64 32 makes one)");
      }
      keys.put(id, new SecretKeySpec(key, "AES"));
    }
    return new EncryptionKeys(keys);
  }

  /** True when at least one key is configured. */
  public boolean enabled() {
    return !keys.isEmpty();
  }

  /** The id of the key that encrypts: the first one listed. */
  public String currentKeyId() {
    if (keys.isEmpty()) {
      throw new IllegalStateException(VARIABLE + " is not set");
    }
    return keys.keySet().iterator().next();
  }

  SecretKey key(String id) {
    return keys.get(id);
  }

  /** The configured key ids, encrypting key first. */
  public List<String> keyIds() {
    return new ArrayList<>(keys.keySet());
  }

  @Override
  public String toString() {
    return "EncryptionKeys" + keyIds();
  }
}
