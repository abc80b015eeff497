package dev.offboarding.suprsend.notification;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code sha256=} followed by the lower-case hex HMAC-SHA256, keyed with
 * {@code OFFBOARDING_WEBHOOK_SECRET} (its UTF-8 bytes), of {@code <timestamp>.<body>} where
 * timestamp is the {@code X-Offboarding-Timestamp} header (the Unix second the attempt was sent)
 * and body the raw request body, which carries the event's unique {@code id}. Receivers verify with
 * {@link #verify(String, String, String, String, Instant, Duration)}, then drop an {@code id} they
 * have already processed (see docs/operations.md, "Notifications").
 */
public final class WebhookSignature {

  public static final String PREFIX = "sha256=";

  /** How far a signed timestamp may be from the receiver's clock: older requests are replays. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private WebhookSignature() {}

  /** The header value for {@code body} sent at {@code timestamp}. */
  public static String sign(String secret, long timestamp, String body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
  }

  /**
   * True when {@code signature} is the one {@code secret} gives and {@code timestamp} is within
   * {@code tolerance} of {@code now}, either way: what a receiver should check before it trusts a
   * request. A captured request replayed later than that is refused, and within it its body's event
   * {@code id} is one the receiver has just seen.
   */
  public static boolean verify(
      String secret,
      String timestamp,
      String body,
      String signature,
      Instant now,
      Duration tolerance) {
    long sentAt;
    try {
      sentAt = Long.parseLong(timestamp == null ? "" : timestamp.trim());
    } catch (NumberFormatException notSeconds) {
      return false;
    }
    long skew = Math.abs(now.getEpochSecond() - sentAt);
    return skew <= tolerance.toSeconds() && verify(secret, timestamp, body, signature);
  }

  /**
   * True when {@code signature} is the one {@code secret} gives (constant-time comparison),
   * whatever the timestamp's age: receivers also check the age (the other {@code verify}).
   */
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
