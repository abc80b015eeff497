package dev.offboarding.suprsend.devtools;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.devtools.testserver.EmbeddedTemporal;
import dev.offboarding.suprsend.worker.WorkerConfig;
import io.temporal.testserver.TestServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./offboard server}: only the embedded Temporal test server, on a port, in real time. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Run Temporal's Java test server on a port, in real time, until Ctrl-C.",
      "In memory (all state is lost when it stops), any namespace, no Web UI and no list queries:"
          + " for development. Production uses a real Temporal server (docker-compose.yml)."
    })
final class ServerCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "7233",
      description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  private final CliContext ctx;

  ServerCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    TestServer.PortBoundTestServer server;
    try {
      server = EmbeddedTemporal.start(port);
    } catch (EmbeddedTemporal.PortUnavailable e) {
      ctx.err().println("error: " + e.getMessage());
      ctx.stop().cleanedUp();
      return ExitCodes.USAGE;
    }
    try {
      ctx.out()
          .println(
              "Temporal test server (embedded, in memory, real time) listening on localhost:"
                  + port);
      ctx.out().flush();
      ctx.err()
          .println(
              (port == 7233
                      ? "Workers and the CLI find it by default (TEMPORAL_ADDRESS=localhost:7233)."
                      : "Point workers and the CLI at it with TEMPORAL_ADDRESS=localhost:"
                          + port
                          + ".")
                  + " Any namespace is accepted; all state is lost when it stops.");
      ctx.err()
          .println(
              "Restarting workers against it? Run them with "
                  + WorkerConfig.STICKY_EXECUTION
                  + "=false: this test server never hands a stopped worker's cached (sticky)"
                  + " workflow tasks to another worker, as a real Temporal server does.");
      ctx.err().println("Press Ctrl-C to stop.");
      ctx.stop().await();
      return ExitCodes.OK;
    } finally {
      server.close();
      ctx.err().println("Temporal test server stopped.");
      ctx.stop().cleanedUp();
    }
  }
}
