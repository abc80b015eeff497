package dev.offboarding.suprsend.notification;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code sha256=} followed by the lower-case hex HMAC-SHA256, keyed with
 * {@code OFFBOARDING_WEBHOOK_SECRET} (its UTF-8 bytes), of {@code <timestamp>.<body>} where
 * timestamp is the {@code X-Offboarding-Timestamp} header and body the raw request body. Receivers
 * verify with {@link #verify}, or the same few lines in their language (see docs/operations.md).
 */
public final class WebhookSignature {

  public static final String PREFIX = "sha256=";

  private WebhookSignature() {}

  /** The header value for {@code body} sent at {@code timestamp}. */
  public static String sign(String secret, long timestamp, String body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
  }

  /** True when {@code signature} is the one {@code secret} gives (constant-time comparison). */
  public static boolean verify(String secret, String timestamp, String body, String signature) {
    if (secret == null || timestamp == null || body == null || signature == null) {
      return false;
    }
    byte[] expected =
        (PREFIX + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body)))
            .getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
