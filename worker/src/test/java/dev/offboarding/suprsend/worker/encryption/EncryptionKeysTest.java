package dev.offboarding.suprsend.worker.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncryptionKeysTest {

  @Test
  void theFirstKeyEncryptsAndAllDecrypt() {
    EncryptionKeys keys =
        EncryptionKeys.parse(TestKeys.entry("new") + " , " + TestKeys.entry("old"));
    assertThat(keys.enabled()).isTrue();
    assertThat(keys.currentKeyId()).isEqualTo("new");
    assertThat(keys.keyIds()).containsExactly("new", "old");
    assertThat(keys.toString()).isEqualTo("EncryptionKeys[new, old]");
  }

  @Test
  void unsetMeansNoEncryption() {
    assertThat(EncryptionKeys.fromEnvironment(Map.of()).enabled()).isFalse();
    assertThat(EncryptionKeys.fromEnvironment(Map.of(EncryptionKeys.VARIABLE, " ")).enabled())
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "no-colon-here",
        "bad id:AAAA",
        "k1:not base64!!",
        "k1:AAAAAAAAAAAAAAAAAAAAAA==",
      })
  void invalidValuesAreRejectedNamingTheVariable(String value) {
    Throwable e = catchThrowable(() -> EncryptionKeys.parse(value));
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.getMessage()).startsWith("OFFBOARDING_ENCRYPTION_KEY");
  }

  @Test
  void messagesNeverContainKeyMaterial() {
    String shortKey =
        Base64.getEncoder()
            .encodeToString(
                "sixteen-byte-key".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    String duplicate = TestKeys.entry("k1");
    for (String value : new String[] {"k1:" + shortKey, duplicate + "," + duplicate}) {
      Throwable e = catchThrowable(() -> EncryptionKeys.parse(value));
      assertThat(e.getMessage()).doesNotContain(shortKey, TestKeys.material(duplicate));
    }
    assertThat(EncryptionKeys.problemsWith(Map.of(EncryptionKeys.VARIABLE, "k1:" + shortKey)))
        .singleElement()
        .asString()
        .contains("16 bytes", "exactly 32");
  }
}
