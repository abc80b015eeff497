package dev.offboarding.suprsend.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
  private static final Duration CAP = Duration.ofMinutes(10);

  @Test
  void readsDelaySeconds() {
    assertThat(RetryAfter.parse("120", NOW, CAP)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 7 ", NOW, CAP)).contains(Duration.ofSeconds(7));
  }

  @Test
  void readsHttpDate() {
    assertThat(RetryAfter.parse("Sat, 28 Nov 2026 10:01:30 GMT", NOW, CAP))
        .contains(Duration.ofSeconds(90));
  }

  @Test
  void capsLongDelays() {
    assertThat(RetryAfter.parse("86400", NOW, CAP)).contains(CAP);
    assertThat(RetryAfter.parse("99999999999999999999999", NOW, CAP)).contains(CAP);
    assertThat(RetryAfter.parse("Sun, 29 Nov 2026 10:00:00 GMT", NOW, CAP)).contains(CAP);
  }

  @Test
  void fallsBackToBackoffWhenAbsentPastOrUnreadable() {
    assertThat(RetryAfter.parse(null, NOW, CAP)).isEmpty();
    assertThat(RetryAfter.parse("", NOW, CAP)).isEmpty();
    assertThat(RetryAfter.parse("0", NOW, CAP)).isEmpty();
    assertThat(RetryAfter.parse("-5", NOW, CAP)).isEmpty();
    assertThat(RetryAfter.parse("soon", NOW, CAP)).isEmpty();
    assertThat(RetryAfter.parse("Fri, 27 Nov 2026 10:00:00 GMT", NOW, CAP)).isEmpty();
  }
}
