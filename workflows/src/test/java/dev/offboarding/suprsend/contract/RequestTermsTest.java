package dev.offboarding.suprsend.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestTermsTest {

  static final Instant NOW = Instant.parse("2026-01-31T10:00:00Z");

  @Test
  void defaultsAreNoWaitAndOneMonth() {
    RequestTerms terms = RequestTerms.of(OffboardingRequest.of("u"), NOW);
    assertThat(terms.waits()).isFalse();
    assertThat(terms.dueBy()).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
  }

  @Test
  void readsIsoDurationsAndTimes() {
    RequestTerms terms =
        RequestTerms.of(
            new OffboardingRequest("u", null, null, "PT72H", true, "2026-03-01T00:00:00Z"), NOW);
    assertThat(terms.gracePeriod()).isEqualTo(Duration.ofHours(72));
    assertThat(terms.requireApproval()).isTrue();
    assertThat(terms.waits()).isTrue();
    assertThat(terms.dueBy()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
  }

  @Test
  void saysWhatIsWrong() {
    assertThatThrownBy(
            () -> RequestTerms.of(new OffboardingRequest("u", null, null, "72h", false, null), NOW))
        .hasMessageContaining("gracePeriod '72h' is not an ISO-8601 duration")
        .hasMessageContaining("PT72H");
    assertThatThrownBy(
            () ->
                RequestTerms.of(new OffboardingRequest("u", null, null, "-PT1H", false, null), NOW))
        .hasMessageContaining("negative");
    assertThat(
            RequestTerms.problemWith(
                new OffboardingRequest("u", null, null, null, false, "tomorrow"), NOW))
        .contains("dueBy 'tomorrow'", "2026-12-28T00:00:00Z");
  }

  @Test
  void reasonAndRequestedByAreBoundedWithAClearMessage() {
    String reason = "r".repeat(OffboardingRequest.MAX_REASON_CHARS + 1);
    assertThat(RequestTerms.problemWith(new OffboardingRequest("u", reason, null), NOW))
        .contains("reason is 1001 characters long; the limit is 1000");
    String by = "b".repeat(OffboardingRequest.MAX_REQUESTED_BY_CHARS + 1);
    assertThat(RequestTerms.problemWith(new OffboardingRequest("u", null, by), NOW))
        .contains("requestedBy is 201 characters long; the limit is 200");
    assertThat(
            RequestTerms.problemWith(
                new OffboardingRequest(
                    "u",
                    "r".repeat(OffboardingRequest.MAX_REASON_CHARS),
                    "b".repeat(OffboardingRequest.MAX_REQUESTED_BY_CHARS)),
                NOW))
        .isNull();
  }
}
