package dev.offboarding.suprsend.devtools;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.cli.TemporalUi;
import dev.offboarding.suprsend.cli.Text;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.devtools.realserver.DevServer;
import dev.offboarding.suprsend.devtools.realserver.TemporalCli;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.worker.OffboardingWorker;
import dev.offboarding.suprsend.worker.TemporalConnection;
import dev.offboarding.suprsend.worker.WorkerConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./offboard demo}: needs nothing but the build. Temporal's in-process test server in
 * time-skipping mode (retry waits pass at once, so a 30 s {@code Retry-After} costs nothing), the
 * SuprSend sandbox with scripted answers, and the real worker, which talks HTTP to the sandbox.
 * Every outcome the design names is shown once. With {@code --ui} the same on the real Temporal
 * server (in memory), which then stays up with the Web UI until Ctrl-C.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "A self-contained tour: embedded Temporal (time-skipping test server), the SuprSend"
          + " sandbox (a development emulator) and the real worker offboard demo users that show"
          + " every outcome: DELETED, ALREADY_ABSENT, transient failures retried, Retry-After"
          + " honoured, and permanent failures that are not retried.",
      "With --ui: the same on the real Temporal server (the Temporal CLI's dev server, in memory,"
          + " waits in real time), which then stays up with its Web UI until Ctrl-C, so every"
          + " outcome can be looked at there.",
      "Exit code 0 when every demo user ended as expected."
    })
final class DemoCommand implements Callable<Integer> {

  static final String TASK_QUEUE = "suprsend-offboarding-demo";

  /** Retry-After of the rate-limited demo user: free with time skipping, real time with --ui. */
  private static final int RETRY_AFTER_SKIPPED = 30;

  private static final int RETRY_AFTER_REAL = 3;

  @Option(names = "--verbose", description = "Show the worker's logs on stderr.")
  boolean verbose;

  @Option(
      names = "--ui",
      description =
          "Run on the real Temporal server and keep it up with its Web UI until Ctrl-C"
              + " (provides the Temporal CLI the first time).")
  boolean ui;

  @Option(
      names = "--port",
      defaultValue = "7233",
      description = "With --ui: Temporal's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--ui-port",
      defaultValue = "8233",
      description = "With --ui: the Web UI's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int uiPort;

  private final CliContext ctx;

  DemoCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    long startedNanos = System.nanoTime();
    Runnable restoreLogs = verbose ? () -> {} : Logs.quiet(ctx);
    try (SuprSendSandbox sandbox = SuprSendSandbox.start(SandboxOptions.defaults())) {
      return ui ? onTheRealServer(sandbox, startedNanos) : timeSkipping(sandbox, startedNanos);
    } finally {
      restoreLogs.run();
      if (ui) {
        ctx.stop().cleanedUp();
      }
    }
  }

  private int timeSkipping(SuprSendSandbox sandbox, long startedNanos) {
    TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance();
    try {
      WorkerConfig config = config(sandbox);
      OffboardingWorker worker = OffboardingWorker.start(temporal.getWorkflowClient(), config);
      try {
        intro(
            sandbox,
            config,
            "Temporal's in-process test server, time skipping: retry waits pass at once");
        DemoTour.Result result =
            new DemoTour(
                    ctx, sandbox, temporal.getWorkflowClient(), TASK_QUEUE, RETRY_AFTER_SKIPPED)
                .run(startedNanos);
        ctx.out().println();
        ctx.out()
            .println(
                "Next: ./offboard demo --ui shows these runs in the Temporal UI; ./offboard dev"
                    + " runs the same pieces until Ctrl-C; then ./offboard start user-1 --wait in"
                    + " another terminal.");
        ctx.out().flush();
        return exitCode(result);
      } finally {
        worker.shutdown(Duration.ofSeconds(5));
      }
    } finally {
      temporal.close();
    }
  }

  private int onTheRealServer(SuprSendSandbox sandbox, long startedNanos)
      throws InterruptedException {
    Path cli;
    try {
      cli = TemporalCli.provide(ctx.env(), ctx.err());
    } catch (TemporalCli.Unavailable e) {
      ctx.err().println("error: demo --ui needs the real Temporal server: " + e.getMessage());
      ctx.err().println("Plain ./offboard demo needs no Temporal CLI.");
      return ExitCodes.USAGE;
    }
    DevServer server;
    try {
      Path log = Files.createTempFile("offboard-demo-temporal", ".log");
      log.toFile().deleteOnExit();
      server = DevServer.start(cli, DevServer.Options.loopback(port, uiPort, log).withLowLatency());
    } catch (DevServer.StartFailed | java.io.IOException e) {
      ctx.err().println("error: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    // Waits take real time here: a short Retry-After keeps the tour to seconds.
    try (TemporalConnection temporal =
        TemporalConnection.connect(
            Map.of(
                "TEMPORAL_ADDRESS",
                server.address(),
                "TEMPORAL_CONFIG_FILE",
                "/nonexistent/offboard-demo/temporal.toml"))) {
      WorkerConfig config = config(sandbox);
      WorkflowClient client = temporal.client();
      OffboardingWorker worker = OffboardingWorker.start(client, config);
      try {
        intro(
            sandbox,
            config,
            "the real Temporal server (Temporal CLI dev server) on "
                + server.address()
                + ", in memory; waits take real time, so demo-dave's Retry-After is "
                + RETRY_AFTER_REAL
                + " s instead of "
                + RETRY_AFTER_SKIPPED
                + " s");
        DemoTour.Result result =
            new DemoTour(ctx, sandbox, client, TASK_QUEUE, RETRY_AFTER_REAL).run(startedNanos);
        printLinks(server, result);
        ctx.stop().await();
        return exitCode(result);
      } finally {
        worker.shutdown(Duration.ofSeconds(5));
      }
    } finally {
      server.close();
      ctx.err().println("Stopped.");
    }
  }

  private static WorkerConfig config(SuprSendSandbox sandbox) {
    return WorkerConfig.fromEnvironment(
        Map.of(
            "SUPRSEND_API_KEY", sandbox.apiKey(),
            "SUPRSEND_BASE_URL", sandbox.baseUrl().toString(),
            "OFFBOARDING_TASK_QUEUE", TASK_QUEUE));
  }

  private void intro(SuprSendSandbox sandbox, WorkerConfig config, String temporal) {
    PrintStream out = ctx.out();
    out.println("SuprSend offboarding demo");
    out.println("  Temporal  " + temporal);
    out.println(
        "  SuprSend  the SuprSend sandbox at "
            + sandbox.baseUrl()
            + " (a development emulator, not SuprSend)");
    out.println(
        "  Worker    the real worker on task queue "
            + config.taskQueue()
            + "; retries from "
            + Text.duration(config.deleteRetry().initialInterval())
            + ", x"
            + config.deleteRetry().backoffCoefficient()
            + ", for up to "
            + Text.duration(config.deleteRetry().retryWindow()));
    out.println();
    out.flush();
  }

  private void printLinks(DevServer server, DemoTour.Result result) {
    PrintStream out = ctx.out();
    TemporalUi ui = new TemporalUi(server.uiUrl());
    out.println();
    out.println("In the Temporal UI (" + ui.base() + "), until Ctrl-C:");
    out.println("  all offboardings  " + ui.list("default", TemporalUi.ALL_OFFBOARDINGS));
    out.println(
        "  NEEDS_ATTENTION   "
            + ui.list("default", TemporalUi.inState(OffboardingState.NEEDS_ATTENTION)));
    out.println("  each demo user:");
    int width =
        result.runs().stream()
            .mapToInt(r -> Text.printable(r.distinctId()).length())
            .max()
            .orElse(0);
    for (DemoTour.Run run : result.runs()) {
      String id = Text.printable(run.distinctId());
      out.println(
          "    "
              + id
              + " ".repeat(width - id.length() + 2)
              + ui.run("default", run.workflowId(), run.runId()));
    }
    out.println();
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  private int exitCode(DemoTour.Result result) {
    if (result.unexpected() > 0) {
      ctx.err()
          .println(
              "error: "
                  + Text.count(result.unexpected(), "demo user", "demo users")
                  + " did not end as expected (marked UNEXPECTED above): this build is broken");
      return ExitCodes.UNEXPECTED;
    }
    return ExitCodes.OK;
  }
}
