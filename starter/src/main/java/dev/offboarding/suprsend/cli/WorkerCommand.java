package dev.offboarding.suprsend.cli;

import dev.offboarding.suprsend.worker.WorkerConfig;
import dev.offboarding.suprsend.worker.WorkerMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./offboard worker}: the production worker process. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Run the production worker: polls the offboarding task queue until SIGTERM/Ctrl-C, then"
          + " lets running deletes finish (OFFBOARDING_SHUTDOWN_TIMEOUT).",
      "Configured only through the environment: TEMPORAL_* (temporal-envconfig) and:"
    },
    footer = {"", "Exit codes: 2 invalid configuration, 4 Temporal unreachable."})
public final class WorkerCommand implements Callable<Integer> {

  private final CliContext ctx;

  public WorkerCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return WorkerMain.run(ctx.env());
  }

  /** The variable list for --help, from the worker's own documented table. */
  public static String[] variables() {
    return WorkerConfig.VARIABLES.stream()
        .flatMap(
            v ->
                java.util.stream.Stream.of(
                    "  "
                        + v.name()
                        + (v.defaultValue().startsWith("(")
                            ? " " + v.defaultValue()
                            : " (default: " + v.defaultValue() + ")"),
                    "      " + v.meaning()))
        .toArray(String[]::new);
  }
}
