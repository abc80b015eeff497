package dev.offboarding.suprsend.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
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
}
