package dev.offboarding.suprsend.devtools;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.OffboardCli;
import dev.offboarding.suprsend.devtools.bench.BenchCommand;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code ./offboard}: the one launcher. The starter's commands (start, status, list, the operator
 * commands, bulk, check, worker, codec-server) and the development tools (demo, dev, server,
 * sandbox, bench, install-temporal) in one command line.
 */
public final class Offboard {

  /** The development tools, in the order {@code --help} lists them. */
  private static final List<Class<?>> DEV_TOOLS =
      List.of(
          DemoCommand.class,
          DevCommand.class,
          ServerCommand.class,
          SandboxCommand.class,
          BenchCommand.class,
          InstallTemporalCommand.class);

  private Offboard() {}

  public static void main(String[] args) {
    System.exit(execute(CliContext.system(), args));
  }

  /** Runs one command line in {@code ctx} and returns its exit code. */
  public static int execute(CliContext ctx, String... args) {
    return commandLine(ctx).execute(args);
  }

  /** The starter's command line with the development tools added. */
  static CommandLine commandLine(CliContext ctx) {
    return OffboardCli.commandLine(ctx, DEV_TOOLS);
  }
}
