package dev.offboarding.suprsend.worker.logging;

import ch.qos.logback.core.PropertyDefinerBase;

/**
 * Tells logback.xml which format file to include from {@code OFFBOARDING_LOG_FORMAT}: {@code json}
 * for {@code json} in any case, {@code text} for anything else. An unknown value thus still logs
 * (as text), and the worker's configuration check reports it, instead of losing every line.
 */
public final class LogAppenderChooser extends PropertyDefinerBase {

  private String format;

  /** Set from logback.xml ({@code <format>${OFFBOARDING_LOG_FORMAT:-text}</format>}). */
  public void setFormat(String format) {
    this.format = format;
  }

  @Override
  public String getPropertyValue() {
    return (LogFormat.parse(format) == LogFormat.JSON ? LogFormat.JSON : LogFormat.TEXT).value();
  }
}
