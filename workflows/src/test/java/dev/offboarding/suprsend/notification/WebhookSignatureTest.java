package dev.offboarding.suprsend.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The signature scheme docs/operations.md documents, checked the way a receiver would. */
class WebhookSignatureTest {

  static final String SECRET = "whsec-0123456789abcdef";
  static final String BODY = "{\"type\":\"offboarding.completed\",\"id\":\"e1\"}";

  @Test
  void isHexHmacSha256OfTimestampDotBody() throws Exception {
    // The receiver recipe of docs/operations.md, verbatim in Java.
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        "sha256="
            + HexFormat.of()
                .formatHex(mac.doFinal(("1764325200." + BODY).getBytes(StandardCharsets.UTF_8)));

    assertThat(WebhookSignature.sign(SECRET, 1764325200L, BODY)).isEqualTo(expected);
    assertThat(WebhookSignature.verify(SECRET, "1764325200", BODY, expected)).isTrue();
  }

  @Test
  void anyChangeBreaksIt() {
    String signature = WebhookSignature.sign(SECRET, 1764325200L, BODY);
    assertThat(WebhookSignature.verify(SECRET, "1764325201", BODY, signature)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "1764325200", BODY + " ", signature)).isFalse();
    assertThat(WebhookSignature.verify("another-secret-0000", "1764325200", BODY, signature))
        .isFalse();
    assertThat(WebhookSignature.verify(SECRET, "1764325200", BODY, null)).isFalse();
  }

  @Test
  void aReceiverRefusesTimestampsOutsideTheFiveMinuteWindow() {
    Instant sent = Instant.ofEpochSecond(1764325200L);
    String signature = WebhookSignature.sign(SECRET, sent.getEpochSecond(), BODY);
    Duration window = WebhookSignature.DEFAULT_TOLERANCE;
    assertThat(window).isEqualTo(Duration.ofMinutes(5));
    for (Duration late : List.of(Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(-5))) {
      assertThat(
              WebhookSignature.verify(
                  SECRET, "1764325200", BODY, signature, sent.plus(late), window))
          .as("received %s after sending", late)
          .isTrue();
    }
    for (Duration late :
        List.of(Duration.ofSeconds(301), Duration.ofDays(3), Duration.ofSeconds(-301))) {
      assertThat(
              WebhookSignature.verify(
                  SECRET, "1764325200", BODY, signature, sent.plus(late), window))
          .as("received %s after sending", late)
          .isFalse();
    }
  }

  @Test
  void aReplayWithAFreshTimestampOrAnotherEventIdNoLongerVerifies() {
    Instant sent = Instant.ofEpochSecond(1764325200L);
    String signature = WebhookSignature.sign(SECRET, sent.getEpochSecond(), BODY);
    Instant later = sent.plus(Duration.ofHours(1));
    // An attacker who captured the request can change headers, not the signature's inputs.
    assertThat(
            WebhookSignature.verify(
                SECRET,
                Long.toString(later.getEpochSecond()),
                BODY,
                signature,
                later,
                WebhookSignature.DEFAULT_TOLERANCE))
        .isFalse();
    assertThat(
            WebhookSignature.verify(
                SECRET,
                "1764325200",
                BODY.replace("\"e1\"", "\"e2\""),
                signature,
                sent,
                WebhookSignature.DEFAULT_TOLERANCE))
        .isFalse();
    assertThat(
            WebhookSignature.verify(
                SECRET, "not-a-number", BODY, signature, sent, WebhookSignature.DEFAULT_TOLERANCE))
        .isFalse();
  }
}
