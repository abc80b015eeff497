package dev.offboarding.suprsend.devtools;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./offboard server}: only Temporal, as {@code dev} runs it (the real dev server with the
 * Web UI, or the Java test server with {@code --embedded}), for set-ups that run the worker apart.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Run Temporal on 127.0.0.1 until Ctrl-C, as ./offboard dev does but without the worker and"
          + " the sandbox: the real Temporal server (the Temporal CLI's dev server, Web UI on"
          + " --ui-port, runs kept in .offboard-data/dev.sqlite), or with --embedded Temporal's"
          + " Java test server (in memory, no Web UI, no list).",
      "For development. Production uses a real Temporal cluster (docker-compose.yml, Temporal"
          + " Cloud)."
    })
final class ServerCommand implements Callable<Integer> {

  @Mixin LocalTemporalOptions temporalOptions;

  private final CliContext ctx;

  ServerCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    LocalTemporal server;
    try {
      server = LocalTemporal.start(ctx, temporalOptions.settings());
    } catch (LocalTemporal.StartFailed e) {
      ctx.err().println("error: " + e.getMessage());
      ctx.stop().cleanedUp();
      return ExitCodes.USAGE;
    }
    try {
      ctx.out().println("Temporal listening on " + server.address() + ": " + server.description());
      if (server.isReal()) {
        ctx.out().println("Web UI: " + server.uiUrl());
      }
      server.printLinks(ctx.out());
      ctx.out().flush();
      int port = temporalOptions.port;
      ctx.err()
          .println(
              port == 7233
                  ? "Workers and the CLI find it by default (TEMPORAL_ADDRESS=localhost:7233)."
                  : "Point workers and the CLI at it with TEMPORAL_ADDRESS=localhost:"
                      + port
                      + ".");
      server.printTestServerCaveats(ctx.err());
      ctx.err().println("Press Ctrl-C to stop.");
      ctx.stop().await();
      return ExitCodes.OK;
    } finally {
      server.close();
      ctx.err().println("Temporal stopped.");
      ctx.stop().cleanedUp();
    }
  }
}
