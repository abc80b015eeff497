package dev.offboarding.suprsend.devtools;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.cli.TemporalUi;
import dev.offboarding.suprsend.nexus.SuprSendOffboarding;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.worker.ConfigException;
import dev.offboarding.suprsend.worker.TemporalConnection;
import dev.offboarding.suprsend.worker.WorkerConfig;
import dev.offboarding.suprsend.worker.WorkerProcess;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./offboard dev}: the real Temporal server (the Temporal CLI's dev server, Web UI included)
 * on 127.0.0.1 with its runs kept on disk, the real worker connected to it over gRPC, and the
 * SuprSend sandbox unless {@code SUPRSEND_API_KEY} is set. With {@code --embedded} (or when no
 * Temporal CLI can be had) Temporal's Java test server instead. Runs until Ctrl-C/SIGTERM, then
 * shuts down gracefully.
 */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Everything for local development, until Ctrl-C: the real Temporal server (the Temporal CLI's"
          + " dev server: Web UI on --ui-port, runs kept in .offboard-data/dev.sqlite) on"
          + " 127.0.0.1:--port, the worker, and the SuprSend sandbox (a development emulator)"
          + " unless SUPRSEND_API_KEY is set, in which case SuprSend at SUPRSEND_BASE_URL is used"
          + " for real.",
      "The first run provides the Temporal CLI (./offboard install-temporal). Without one, or"
          + " with --embedded: Temporal's Java test server (in memory, no Web UI, no list)."
    })
final class DevCommand implements Callable<Integer> {

  @Mixin LocalTemporalOptions temporalOptions;

  @Option(
      names = "--sandbox-port",
      defaultValue = "8099",
      description = "SuprSend sandbox port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int sandboxPort;

  @Option(
      names = "--users",
      paramLabel = "N",
      defaultValue = "20",
      description = "Sandbox users to seed: user-1..user-N (default: ${DEFAULT-VALUE}).")
  int users;

  private final CliContext ctx;

  DevCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintStream out = ctx.out();
    boolean useSandbox = ctx.getenv("SUPRSEND_API_KEY") == null;
    LocalTemporal server = null;
    SuprSendSandbox sandbox = null;
    WorkerProcess worker = null;
    WorkerConfig config = null;
    try {
      try {
        server = LocalTemporal.start(ctx, temporalOptions.settings());
      } catch (LocalTemporal.StartFailed e) {
        ctx.err().println("error: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      int port = temporalOptions.port;
      Map<String, String> workerEnv = new HashMap<>(ctx.env());
      if (useSandbox) {
        try {
          sandbox =
              SuprSendSandbox.start(
                  SandboxOptions.defaults()
                      .withPort(sandboxPort)
                      .withApiKey(SandboxOptions.generateKey()));
        } catch (UncheckedIOException e) {
          ctx.err()
              .println(
                  "error: cannot start the SuprSend sandbox on port "
                      + sandboxPort
                      + " ("
                      + e.getMessage()
                      + "): is it in use? Pick another with --sandbox-port");
          return ExitCodes.USAGE;
        }
        sandbox.addUsers(SandboxCommand.seedIds(users));
        workerEnv.put("SUPRSEND_API_KEY", sandbox.apiKey());
        workerEnv.put("SUPRSEND_BASE_URL", sandbox.baseUrl().toString());
      }
      // The worker talks to this server, whatever TEMPORAL_* (or a TOML profile) says.
      workerEnv.keySet().removeIf(name -> name.startsWith("TEMPORAL_"));
      workerEnv.put("TEMPORAL_ADDRESS", server.address());
      workerEnv.put("TEMPORAL_NAMESPACE", "default");
      workerEnv.put("TEMPORAL_CONFIG_FILE", "/nonexistent/offboard-dev/temporal.toml");
      try {
        config = WorkerConfig.fromEnvironment(workerEnv);
      } catch (ConfigException e) {
        ctx.err().println("error: " + ctx.redact(e.getMessage()));
        return ExitCodes.USAGE;
      }
      try {
        // The production worker process: metrics and health on OFFBOARDING_METRICS_PORT too.
        worker = WorkerProcess.start(config, workerEnv);
      } catch (ConfigException | TemporalConnection.TemporalUnreachable e) {
        ctx.err().println("error: " + ctx.redact(e.getMessage()));
        return e instanceof ConfigException ? ExitCodes.USAGE : ExitCodes.TEMPORAL_UNREACHABLE;
      }

      out.println("offboard dev: local development in one process (not for production)");
      out.println("  Temporal  " + server.address() + "  " + server.description());
      if (server.isReal()) {
        out.println("  Web UI    " + server.uiUrl());
      }
      if (sandbox != null) {
        out.println(
            "  SuprSend  "
                + sandbox.baseUrl()
                + "  the SuprSend sandbox, a development emulator (not SuprSend)"
                + (users > 0 ? ", seeded with user-1..user-" + users : ""));
      } else {
        out.println(
            "  SuprSend  "
                + config.suprSend().baseUrl()
                + "  SUPRSEND_API_KEY is set: offboardings DELETE REAL users there");
      }
      out.println("  Worker    polling task queue " + config.taskQueue());
      NexusEndpoints.ensure(
          server.address(), SuprSendOffboarding.DEFAULT_ENDPOINT, "default", config.taskQueue());
      out.println(
          "  Nexus     endpoint "
              + SuprSendOffboarding.DEFAULT_ENDPOINT
              + " -> the worker (service "
              + SuprSendOffboarding.SERVICE
              + ", operation "
              + SuprSendOffboarding.OFFBOARD
              + ")");
      out.println(
          "  Metrics   http://localhost:"
              + worker.opsPort()
              + "/metrics  (and /healthz, /readyz; OFFBOARDING_METRICS_PORT)");
      out.println();
      server.printLinks(out);
      out.println();
      out.println("Try, in another terminal:");
      String address = ctx.getenv("TEMPORAL_ADDRESS");
      if (port != 7233 || (address != null && !address.equals("localhost:7233"))) {
        out.println("  export TEMPORAL_ADDRESS=localhost:" + port);
      }
      if (server.isReal() && temporalOptions.uiPort != 8233) {
        out.println("  export " + TemporalUi.VARIABLE + "=" + server.uiUrl());
      }
      String example = users > 0 || sandbox == null ? "user-1" : "some-user";
      out.println("  ./offboard start " + example + " --wait");
      out.println("  ./offboard status " + example);
      if (server.isReal()) {
        out.println("  ./offboard list --state NEEDS_ATTENTION");
      }
      if (sandbox != null) {
        out.println(
            "  ./offboard start user-2 user-3 no-such-user --wait --json"
                + "   (no-such-user: ALREADY_ABSENT)");
      }
      out.println();
      out.println("Press Ctrl-C to stop.");
      out.flush();
      server.printTestServerCaveats(ctx.err());

      ctx.stop().await();
      return ExitCodes.OK;
    } finally {
      ctx.err().println("Stopping: worker, then Temporal and the sandbox...");
      if (worker != null) {
        worker.stop(config.shutdownTimeout());
      }
      if (server != null) {
        server.close();
      }
      if (sandbox != null) {
        sandbox.close();
      }
      ctx.err().println("Stopped.");
      ctx.stop().cleanedUp();
    }
  }
}
