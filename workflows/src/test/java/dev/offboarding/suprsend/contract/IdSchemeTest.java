package dev.offboarding.suprsend.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

class IdSchemeTest {

  @Test
  void plainKeepsTheIdAndSha256HashesItsUtf8Bytes() {
    assertThat(IdScheme.PLAIN.workflowIdFor("alice@example.com"))
        .isEqualTo("suprsend-offboarding:alice@example.com");
    // The same as: printf %s 'alice@example.com' | sha256sum
    assertThat(IdScheme.SHA256.workflowIdFor("alice@example.com"))
        .isEqualTo(
            "suprsend-offboarding:sha256:"
                + "ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976");
    assertThat(IdScheme.SHA256.workflowIdFor("😀"))
        .endsWith("f0443a342c5ef54783a111b51ba56c938e474c32324d90c3a60c9c8e3a37e2d9");
  }

  @Test
  void parsesTheVariable() {
    assertThat(IdScheme.parse(null)).isEqualTo(IdScheme.PLAIN);
    assertThat(IdScheme.parse(" ")).isEqualTo(IdScheme.PLAIN);
    assertThat(IdScheme.parse("SHA256")).isEqualTo(IdScheme.SHA256);
    assertThat(catchThrowable(() -> IdScheme.parse("md5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("OFFBOARDING_ID_SCHEME must be plain or sha256, was 'md5'");
  }

  @Test
  void matchesAWorkflowIdOfEitherScheme() {
    assertThat(IdScheme.matches(IdScheme.SHA256.workflowIdFor("u"), "u")).isTrue();
    assertThat(IdScheme.matches(IdScheme.PLAIN.workflowIdFor("u"), "u")).isTrue();
    assertThat(IdScheme.matches(IdScheme.PLAIN.workflowIdFor("v"), "u")).isFalse();
  }
}
