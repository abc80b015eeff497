package dev.offboarding.suprsend.devtools;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.offboarding.suprsend.cli.CliContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Turns the worker's logs down for commands whose own output tells the story ({@code demo}). */
public final class Logs {

  private Logs() {}

  /**
   * Sets the root, Temporal and project loggers to ERROR; the returned action restores them. Does
   * nothing when the user chose a level with {@code OFFBOARDING_LOG_LEVEL}.
   */
  public static Runnable quiet(CliContext ctx) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (ctx.getenv("OFFBOARDING_LOG_LEVEL") != null || !(factory instanceof LoggerContext)) {
      return () -> {};
    }
    LoggerContext logback = (LoggerContext) factory;
    Map<Logger, Level> before = new LinkedHashMap<>();
    for (String name :
        new String[] {org.slf4j.Logger.ROOT_LOGGER_NAME, "io.temporal", "dev.offboarding"}) {
      Logger logger = logback.getLogger(name);
      before.put(logger, logger.getLevel());
      logger.setLevel(Level.ERROR);
    }
    return () -> before.forEach(Logger::setLevel);
  }
}
