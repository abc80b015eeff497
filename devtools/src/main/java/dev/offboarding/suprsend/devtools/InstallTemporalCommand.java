package dev.offboarding.suprsend.devtools;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.devtools.realserver.TemporalCli;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./offboard install-temporal}: provides the Temporal CLI and prints where it is. */
@Command(
    name = "install-temporal",
    mixinStandardHelpOptions = true,
    description = {
      "Provide the Temporal CLI (the real Temporal server's dev mode, with the Web UI) that"
          + " `dev`, `server` and the end-to-end tests use, and print its path: TEMPORAL_CLI or a"
          + " `temporal` 1.x on the PATH when there is one, else build v"
          + TemporalCli.VERSION
          + " from the Go module proxy into .tools/ (first time: several minutes; then cached).",
      "Exit code 2 when there is no CLI and no Go to build one (the message says what to install)."
    })
final class InstallTemporalCommand implements Callable<Integer> {

  private final CliContext ctx;

  InstallTemporalCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    try {
      Path cli = TemporalCli.provide(ctx.env(), ctx.err());
      ctx.out().println(cli);
      ctx.err().println("Temporal CLI " + TemporalCli.version(cli) + " at " + cli);
      return ExitCodes.OK;
    } catch (TemporalCli.Unavailable e) {
      ctx.err().println("error: " + e.getMessage());
      return ExitCodes.USAGE;
    }
  }
}
