package dev.offboarding.suprsend.worker;

import dev.offboarding.suprsend.worker.encryption.CodecServerMain;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production worker process: reads the environment, connects to Temporal, polls until SIGTERM,
 * then shuts down gracefully. Exit codes: 2 bad configuration, 4 Temporal unreachable.
 *
 * <p>The main class of the worker jar (and so of the Docker image): {@code worker} (the default) or
 * {@code codec-server} ({@link CodecServerMain}).
 */
public final class WorkerMain {

  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "worker" : args[0];
    switch (command) {
      case "worker" -> System.exit(run(System.getenv()));
      case "codec-server" -> System.exit(CodecServerMain.run(System.getenv()));
      default -> {
        log.error(
            "unknown command '{}': the worker jar runs 'worker' (the default) or 'codec-server';"
                + " every other command is in ./offboard",
            command.replaceAll("\\p{Cntrl}", "?"));
        System.exit(2);
      }
    }
  }

  /** Runs until the JVM is asked to stop; returns the exit code for failures at start. */
  public static int run(Map<String, String> env) {
    WorkerConfig config;
    try {
      config = WorkerConfig.fromEnvironment(env);
    } catch (ConfigException e) {
      log.error("{}", e.getMessage());
      return 2;
    }
    WorkerProcess process;
    try {
      process = WorkerProcess.start(config, env);
    } catch (ConfigException e) {
      log.error("{}", e.getMessage());
      return 2;
    } catch (TemporalConnection.TemporalUnreachable e) {
      log.error("{}", e.getMessage());
      return 4;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  process.close();
                  stopped.countDown();
                },
                "graceful-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
