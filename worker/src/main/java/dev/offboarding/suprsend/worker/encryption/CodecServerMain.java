package dev.offboarding.suprsend.worker.encryption;

import dev.offboarding.suprsend.worker.ConfigException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The codec server as the worker image runs it ({@code codec-server} argument, docker-compose's
 * {@code encryption} profile): configured from the environment, serves until SIGTERM.
 */
public final class CodecServerMain {

  private static final Logger log = LoggerFactory.getLogger(CodecServerMain.class);

  private CodecServerMain() {}

  /** Runs until the JVM is asked to stop; returns 2 when it cannot start. */
  public static int run(Map<String, String> env) {
    CodecServer server;
    try {
      CodecServerConfig config = CodecServerConfig.fromEnvironment(env);
      server = CodecServer.start(config);
      log.info(
          "Codec server listening on {}:{} (keys {}; CORS origins {})",
          config.bind(),
          server.port(),
          config.keys().keyIds(),
          config.corsOrigins());
    } catch (ConfigException e) {
      e.problems().forEach(p -> log.error("{}", p));
      return 2;
    } catch (UncheckedIOException e) {
      log.error("cannot start the codec server: {}", e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "codec-server-stop"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
