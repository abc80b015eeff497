package dev.offboarding.suprsend.devtools.realserver;

import dev.offboarding.suprsend.contract.OffboardingSearchAttributes;
import dev.offboarding.suprsend.devtools.LogFiles;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real Temporal server in dev mode ({@code temporal server start-dev}: SQLite, the Web UI built
 * in) as a child process bound to loopback, with the project's search attributes registered.
 * Started by {@code ./offboard dev}, {@code server}, {@code demo --ui}, the bench and the
 * end-to-end tests.
 */
public final class DevServer implements AutoCloseable {

  /** How to start it. {@code dbFile} null: in memory, lost when the process ends. */
  public record Options(
      String ip,
      int port,
      int uiPort,
      Path dbFile,
      String uiCodecEndpoint,
      boolean headless,
      List<String> dynamicConfig,
      Path log) {

    public Options {
      dynamicConfig = List.copyOf(dynamicConfig);
    }

    /** Loopback, in memory, with the UI, logging to {@code log}. */
    public static Options loopback(int port, int uiPort, Path log) {
      Draft d = new Draft();
      d.ip = "127.0.0.1";
      d.port = port;
      d.uiPort = uiPort;
      d.log = log;
      return d.build();
    }

    public Options withDbFile(Path file) {
      return with(d -> d.dbFile = file);
    }

    public Options withUiCodecEndpoint(String url) {
      return with(d -> d.uiCodecEndpoint = url);
    }

    public Options withoutUi() {
      return with(d -> d.headless = true);
    }

    /** These options with the {@link DevServer#LOW_LATENCY} server knobs. */
    public Options withLowLatency() {
      return with(d -> d.dynamicConfig = LOW_LATENCY);
    }

    /** A copy of these options with {@code change} applied: the one place they are rebuilt. */
    private Options with(Consumer<Draft> change) {
      Draft d = new Draft();
      d.ip = ip;
      d.port = port;
      d.uiPort = uiPort;
      d.dbFile = dbFile;
      d.uiCodecEndpoint = uiCodecEndpoint;
      d.headless = headless;
      d.dynamicConfig = dynamicConfig;
      d.log = log;
      change.accept(d);
      return d.build();
    }

    /** Options being put together; only {@link Options} builds one. */
    private static final class Draft {
      private String ip;
      private int port;
      private int uiPort;
      private Path dbFile;
      private String uiCodecEndpoint;
      private boolean headless;
      private List<String> dynamicConfig = List.of();
      private Path log;

      private Options build() {
        return new Options(ip, port, uiPort, dbFile, uiCodecEndpoint, headless, dynamicConfig, log);
      }
    }
  }

  /**
   * The server knobs every dev server the tools start gets ({@link Options#withLowLatency()})
   * (measured in docs/benchmarks.md, "Where S1's time goes" and "One task queue partition"):
   *
   * <ul>
   *   <li>the dev server has one history shard, whose task reader loads new tasks at most 20 times
   *       a second by default, so each step of a run waited up to 50 ms for the next load;
   *   <li>eager activity execution, off by default on the server, hands the delete to the worker in
   *       the answer to the workflow task that scheduled it, without a trip through matching (a
   *       worker with a rate limit turns it off);
   *   <li>one partition per task queue instead of four: at a few hundred tasks a second one
   *       partition is plenty, and four cost the server a quarter of its CPU in forwarding between
   *       them and split a task-queue rate limit into four small buckets that dispatch unevenly.
   * </ul>
   *
   * <p>None changes what a run does; a self-hosted cluster has the same knobs in its dynamic
   * config.
   */
  public static final List<String> LOW_LATENCY =
      List.of(
          "history.transferProcessorMaxPollRPS=200",
          "system.enableActivityEagerExecution=true",
          "matching.numTaskqueueReadPartitions=1",
          "matching.numTaskqueueWritePartitions=1");

  /** The server did not come up; the message says why and quotes the end of its log. */
  public static final class StartFailed extends RuntimeException {
    StartFailed(String message) {
      super(message);
    }
  }

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Options options;
  private final Process process;

  private DevServer(Options options, Process process) {
    this.options = options;
    this.process = process;
  }

  /** Starts the server and waits until it answers on its gRPC port. */
  public static DevServer start(Path cli, Options options) {
    List<String> command = command(cli, options);
    Process process;
    try {
      Files.createDirectories(options.log().toAbsolutePath().getParent());
      if (options.dbFile() != null) {
        Files.createDirectories(options.dbFile().toAbsolutePath().getParent());
      }
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(options.log().toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + cli, e);
    }
    DevServer server = new DevServer(options, process);
    server.awaitReady();
    return server;
  }

  /** The {@code temporal server start-dev} command line for {@code options}. */
  static List<String> command(Path cli, Options options) {
    List<String> command = new ArrayList<>();
    command.add(cli.toString());
    command.addAll(
        List.of(
            "server", "start-dev", "--ip", options.ip(), "--port", String.valueOf(options.port())));
    if (options.headless()) {
      command.add("--headless");
    } else {
      command.addAll(List.of("--ui-port", String.valueOf(options.uiPort())));
    }
    if (options.dbFile() != null) {
      command.addAll(List.of("--db-filename", options.dbFile().toString()));
    }
    if (options.uiCodecEndpoint() != null) {
      command.addAll(List.of("--ui-codec-endpoint", options.uiCodecEndpoint()));
    }
    OffboardingSearchAttributes.REQUIRED
        .keySet()
        .forEach(name -> command.addAll(List.of("--search-attribute", name + "=Keyword")));
    options.dynamicConfig().forEach(v -> command.addAll(List.of("--dynamic-config-value", v)));
    command.addAll(List.of("--log-level", "warn", "--color", "never"));
    return command;
  }

  /** {@code 127.0.0.1:7233}. */
  public String address() {
    return options.ip() + ":" + options.port();
  }

  /** The Web UI, e.g. {@code http://127.0.0.1:8233}; null when headless. */
  public String uiUrl() {
    return options.headless() ? null : "http://" + options.ip() + ":" + options.uiPort();
  }

  public Options options() {
    return options;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, for crash tests: no graceful shutdown. */
  public void kill() {
    process.destroyForcibly();
    waitForExit(Duration.ofSeconds(30));
  }

  /** SIGTERM, then SIGKILL if it has not stopped within 15 s. */
  @Override
  public void close() {
    process.destroy();
    if (!waitForExit(Duration.ofSeconds(15))) {
      process.destroyForcibly();
      waitForExit(Duration.ofSeconds(15));
    }
  }

  private boolean waitForExit(Duration limit) {
    try {
      return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new StartFailed(
            "the Temporal dev server exited at start (exit "
                + process.exitValue()
                + "; is port "
                + options.port()
                + " or "
                + options.uiPort()
                + " in use?). The end of its log, "
                + options.log()
                + ":\n"
                + LogFiles.tail(options.log(), 15));
      }
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(address()).build());
      try {
        stubs
            .blockingStub()
            .withDeadlineAfter(2, TimeUnit.SECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        return;
      } catch (RuntimeException e) {
        last = e;
      } finally {
        stubs.shutdownNow();
      }
      sleep(Duration.ofMillis(200));
    }
    close();
    throw new StartFailed(
        "the Temporal dev server did not answer on "
            + address()
            + " within "
            + READY_TIMEOUT.toSeconds()
            + " s ("
            + (last == null ? "no answer" : last.getMessage())
            + "). The end of its log, "
            + options.log()
            + ":\n"
            + LogFiles.tail(options.log(), 15));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartFailed("interrupted while waiting for the Temporal dev server");
    }
  }
}
