package dev.offboarding.suprsend.cli;

import dev.offboarding.suprsend.workflow.OperatorCommands;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Small helpers for printing values safely and readably. */
public final class Text {

  private static final int MAX_ID_CHARS = 80;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Text() {}

  /**
   * A form of {@code value} that is safe on a terminal and in logs: control characters and unpaired
   * surrogates become {@code \\uXXXX} escapes.
   */
  public static String printable(String value) {
    if (value == null) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder(value.length() + 2);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean pairedSurrogate =
          (Character.isHighSurrogate(c)
                  && i + 1 < value.length()
                  && Character.isLowSurrogate(value.charAt(i + 1)))
              || (Character.isLowSurrogate(c)
                  && i > 0
                  && Character.isHighSurrogate(value.charAt(i - 1)));
      if (Character.isISOControl(c) || (Character.isSurrogate(c) && !pairedSurrogate)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code value} quoted and made printable, for error messages about input. */
  public static String quoted(String value) {
    if (value == null) {
      return "(none)";
    }
    String safe = printable(value);
    return "\""
        + (safe.length() > MAX_ID_CHARS ? safe.substring(0, MAX_ID_CHARS) + "…" : safe)
        + "\"";
  }

  /** {@code value} as one shell word, single-quoted when it needs to be, for copy-paste hints. */
  public static String shellWord(String value) {
    return OperatorCommands.word(printable(value));
  }

  /** A time in UTC, to the second. */
  public static String time(Instant at) {
    return at == null ? "-" : TIME.format(at.truncatedTo(ChronoUnit.SECONDS));
  }

  /** {@code 1.2s}, {@code 30s}, {@code 4m 10s}, {@code 2h 5m}. */
  public static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    long seconds = d.toSeconds();
    if (seconds < 10) {
      return String.format("%.1fs", d.toMillis() / 1000.0);
    }
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return (seconds / 60) + "m " + (seconds % 60) + "s";
    }
    if (seconds < 86_400) {
      return (seconds / 3600) + "h " + ((seconds % 3600) / 60) + "m";
    }
    return (seconds / 86_400) + "d " + ((seconds % 86_400) / 3600) + "h";
  }

  /** The text, or {@code -} when null or blank. */
  public static String orDash(Object value) {
    String text = value == null ? null : String.valueOf(value);
    return text == null || text.isBlank() ? "-" : text;
  }

  /** Plural helper: {@code 1 run}, {@code 2 runs}. */
  public static String count(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}
