package dev.offboarding.suprsend.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistinctIdsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"u", "user-42", "a/b", "..", ".", "?x#y", "100%", "josé@example.com", "😀", "a b"})
  void acceptsFreeStrings(String id) {
    assertThat(DistinctIds.problemWith(id)).isNull();
  }

  @Test
  void rejectsMissingAndBlank() {
    assertThat(DistinctIds.problemWith(null)).contains("missing");
    assertThat(DistinctIds.problemWith("")).contains("blank");
    assertThat(DistinctIds.problemWith(" \t ")).contains("blank");
    assertThat(DistinctIds.problemWith("   ")).contains("blank");
  }

  @Test
  void rejectsControlCharactersWithoutEchoingThem() {
    String problem = DistinctIds.problemWith("user\n42");
    assertThat(problem).contains("U+000A").contains("position 4").doesNotContain("\n");
  }

  @Test
  void limitIsCountedInUtf8Bytes() {
    assertThat(DistinctIds.problemWith("a".repeat(DistinctIds.MAX_UTF8_BYTES))).isNull();
    assertThat(DistinctIds.problemWith("a".repeat(DistinctIds.MAX_UTF8_BYTES + 1)))
        .contains("513 bytes")
        .contains("limit is 512");
    assertThat(DistinctIds.problemWith("😀".repeat(128))).isNull();
    assertThat(DistinctIds.problemWith("😀".repeat(129))).contains("516 bytes");
  }

  @Test
  void rejectsUnpairedSurrogates() {
    assertThat(DistinctIds.problemWith("a\uD83Db")).contains("surrogate");
  }

  @Test
  void workflowIdEmbedsTheIdUnchanged() {
    assertThat(OffboardingIds.workflowIdFor("a/b c")).isEqualTo("suprsend-offboarding:a/b c");
  }
}
