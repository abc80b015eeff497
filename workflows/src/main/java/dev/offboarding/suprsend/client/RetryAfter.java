package dev.offboarding.suprsend.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses an HTTP {@code Retry-After} header (RFC 9110 §10.2.3): either delay-seconds or an
 * HTTP-date. The delay is capped so that a misbehaving server cannot park a run for longer than the
 * retry policy would wait anyway.
 */
public final class RetryAfter {

  /** The default cap: the retry policy's default maximum interval between attempts. */
  public static final Duration DEFAULT_CAP = Duration.ofMinutes(10);

  private RetryAfter() {}

  /**
   * The delay the header asks for, at most {@code cap}; empty when the header is absent, not
   * understood, or asks for no delay (a date in the past), in which case normal backoff applies.
   */
  public static Optional<Duration> parse(String header, Clock clock, Duration cap) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    Duration delay;
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        delay = Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException tooLarge) {
        delay = cap;
      }
    } else {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        delay = Duration.between(clock.instant(), at);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
    if (delay.isNegative() || delay.isZero()) {
      return Optional.empty();
    }
    return Optional.of(delay.compareTo(cap) > 0 ? cap : delay);
  }
}
