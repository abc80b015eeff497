package dev.offboarding.suprsend.worker.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The encoder the production {@code logback.xml} (not the test one) chooses for a value of {@code
 * OFFBOARDING_LOG_FORMAT}, so tests can render captured events exactly as the worker would print
 * them.
 */
public final class ProductionLogEncoders {

  private ProductionLogEncoders() {}

  /** The root logger's encoder when {@code OFFBOARDING_LOG_FORMAT} is {@code format}. */
  public static Encoder<ILoggingEvent> forFormat(String format) {
    URL config = ProductionLogEncoders.class.getClassLoader().getResource("logback.xml");
    if (config == null) {
      throw new IllegalStateException("the worker's logback.xml is not on the classpath");
    }
    LoggerContext context = new LoggerContext();
    if (format != null) {
      context.putProperty("OFFBOARDING_LOG_FORMAT", format);
    }
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      throw new IllegalStateException(e);
    }
    var appenders = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
    if (!appenders.hasNext()) {
      throw new IllegalStateException("logback.xml attaches no appender for format " + format);
    }
    return ((OutputStreamAppender<ILoggingEvent>) appenders.next()).getEncoder();
  }

  /** Every event rendered by {@code encoder}, as the lines the worker would print. */
  public static String render(Encoder<ILoggingEvent> encoder, List<ILoggingEvent> events) {
    return events.stream()
        .map(event -> new String(encoder.encode(event), StandardCharsets.UTF_8))
        .collect(Collectors.joining());
  }
}
