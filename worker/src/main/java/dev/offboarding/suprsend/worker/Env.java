package dev.offboarding.suprsend.worker;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed settings from an environment map and collects every problem instead of stopping at
 * the first, so a misconfigured deployment is fixed in one round.
 */
final class Env {

  /** The longest duration any setting takes: a hundred years (longer ones overflow arithmetic). */
  static final Duration MAX_DURATION = Duration.ofDays(36_500);

  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private static final Pattern SHORT_DURATION =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

  private final Map<String, String> values;
  private final List<String> problems = new ArrayList<>();

  Env(Map<String, String> values) {
    this.values = values;
  }

  List<String> problems() {
    return problems;
  }

  void problem(String message) {
    problems.add(message);
  }

  /** The trimmed value, or null when unset or blank. */
  String raw(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  String string(String name, String fallback) {
    String value = raw(name);
    return value == null ? fallback : value;
  }

  String required(String name, String hint) {
    String value = raw(name);
    if (value == null) {
      problems.add(name + " is not set: " + hint);
    }
    return value;
  }

  URI httpUrl(String name, URI fallback) {
    return httpUrl(name, fallback, true);
  }

  /**
   * An http(s) URL; {@code showValue} false keeps the value out of the problem (a webhook URL's
   * path or query is often a credential, and problems are logged).
   */
  URI httpUrl(String name, URI fallback, boolean showValue) {
    String value = raw(name);
    if (value == null) {
      return fallback;
    }
    String was =
        showValue ? ", was '" + value + "'" : " (the value is not shown: it may be secret)";
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
        problems.add(name + " must be an http(s) URL such as " + fallback + was);
        return fallback;
      }
      return uri;
    } catch (URISyntaxException e) {
      problems.add(
          name
              + " is not a valid URL"
              + (showValue ? " ('" + value + "')" : " (the value is not shown: it may be secret)")
              + ": "
              + e.getReason());
      return fallback;
    }
  }

  /**
   * An IP address written as one ({@code 127.0.0.1}, {@code 0.0.0.0}, {@code ::1}): never a host
   * name, so reading it asks no DNS server.
   */
  InetAddress ipAddress(String name, String fallback) {
    String value = string(name, fallback);
    if (IPV4.matcher(value).matches() || (value.contains(":") && IPV6.matcher(value).matches())) {
      try {
        return InetAddress.getByName(value);
      } catch (UnknownHostException e) {
        // Not a valid literal after all (e.g. 300.1.1.1): reported below.
      }
    }
    problems.add(
        name
            + " must be an IP address such as 127.0.0.1 (this host only) or 0.0.0.0 (every"
            + " interface), was '"
            + value
            + "'");
    try {
      return InetAddress.getByName(fallback);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("fallback " + fallback + " is not an IP address", e);
    }
  }

  /**
   * A positive duration: ISO-8601 ({@code PT10M}) or short ({@code 500ms}, {@code 30s}, {@code
   * 7d}).
   */
  Duration duration(String name, Duration fallback) {
    String value = raw(name);
    if (value == null) {
      return fallback;
    }
    Duration parsed = parseDuration(value);
    if ((parsed == null && SHORT_DURATION.matcher(value).matches())
        || (parsed != null && parsed.compareTo(MAX_DURATION) > 0)) {
      problems.add(name + " must be a positive duration of at most 36500d, was '" + value + "'");
      return fallback;
    }
    if (parsed == null || parsed.isNegative() || parsed.isZero()) {
      problems.add(
          name + " must be a positive duration such as 30s, 10m, 7d or PT10M, was '" + value + "'");
      return fallback;
    }
    return parsed;
  }

  /** {@code true} or {@code false} (any case). */
  boolean bool(String name, boolean fallback) {
    String value = raw(name);
    if (value == null) {
      return fallback;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
    }
    problems.add(name + " must be true or false, was '" + value + "'");
    return fallback;
  }

  double decimal(String name, double fallback, double min) {
    double parsed = number(name, fallback, Double::parseDouble, min, "a number");
    if (Double.isInfinite(parsed)) {
      problems.add(name + " must be a finite number, was " + raw(name));
      return fallback;
    }
    return parsed;
  }

  int integer(String name, int fallback, int min) {
    String value = raw(name);
    if (value != null && value.matches("[+-]?\\d+")) {
      // Integer.parseInt says only "not a number" for a whole number beyond an int's range.
      java.math.BigInteger whole = new java.math.BigInteger(value);
      if (whole.bitLength() > 31) {
        problems.add(
            name
                + " must be a whole number of at "
                + (whole.signum() > 0 ? "most " + Integer.MAX_VALUE : "least " + format(min))
                + ", was "
                + value);
        return fallback;
      }
    }
    return number(name, fallback, Integer::parseInt, min, "a whole number");
  }

  private <T extends Number> T number(
      String name, T fallback, Function<String, T> parse, double min, String kind) {
    String value = raw(name);
    if (value == null) {
      return fallback;
    }
    try {
      T parsed = parse.apply(value);
      if (parsed.doubleValue() < min || Double.isNaN(parsed.doubleValue())) {
        problems.add(name + " must be " + kind + " of at least " + format(min) + ", was " + value);
        return fallback;
      }
      return parsed;
    } catch (NumberFormatException e) {
      problems.add(name + " must be " + kind + ", was '" + value + "'");
      return fallback;
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** Parses ISO-8601 or short durations; null when neither. */
  static Duration parseDuration(String value) {
    String text = value.trim();
    Matcher shortForm = SHORT_DURATION.matcher(text);
    if (shortForm.matches()) {
      try {
        long amount = Long.parseLong(shortForm.group(1));
        return switch (shortForm.group(2).toLowerCase(Locale.ROOT)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      } catch (NumberFormatException | ArithmeticException tooLarge) {
        return null;
      }
    }
    try {
      return Duration.parse(text.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
