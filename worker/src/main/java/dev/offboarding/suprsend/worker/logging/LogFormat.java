package dev.offboarding.suprsend.worker.logging;

import java.util.Locale;

/** How the worker writes its log lines ({@code OFFBOARDING_LOG_FORMAT}). */
public enum LogFormat {
  /** One human-readable line per event, with workflow id, run id and attempt. */
  TEXT,
  /** One JSON object per line (Logback's JsonEncoder), MDC included, for log shippers. */
  JSON;

  /** The value as written in the variable. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code text} or {@code json} in any case; null for anything else. */
  public static LogFormat parse(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default -> null;
    };
  }
}
