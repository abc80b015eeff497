package dev.offboarding.suprsend.cli;

import dev.offboarding.suprsend.Version;
import dev.offboarding.suprsend.cli.bulk.BulkCommand;
import dev.offboarding.suprsend.cli.ops.CheckCommand;
import dev.offboarding.suprsend.cli.ops.ListCommand;
import dev.offboarding.suprsend.cli.ops.OperatorCommand;
import dev.offboarding.suprsend.cli.ops.StartCommand;
import dev.offboarding.suprsend.cli.ops.StatusCommand;
import dev.offboarding.suprsend.worker.ConfigException;
import dev.offboarding.suprsend.worker.TemporalConnection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./offboard}: start, inspect and run SuprSend offboardings on Temporal. */
@Command(
    name = "offboard",
    mixinStandardHelpOptions = true,
    versionProvider = OffboardCli.ManifestVersion.class,
    description = {
      "Durable deletion of users from SuprSend, run as Temporal workflows.",
      "",
      "Try it with nothing but this build: ./offboard demo",
      "Develop locally: ./offboard dev, then ./offboard start user-1 --wait in another terminal."
    },
    commandListHeading = "%nCommands:%n",
    footer = {
      "",
      "Temporal is found through TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TLS and"
          + " profile variables (temporal-envconfig); SuprSend through SUPRSEND_API_KEY and"
          + " SUPRSEND_BASE_URL; the task queue is OFFBOARDING_TASK_QUEUE"
          + " (default suprsend-offboarding).",
      ExitCodes.FOOTER
    },
    subcommands = {
      WorkerCommand.class,
      StartCommand.class,
      BulkCommand.class,
      StatusCommand.class,
      ListCommand.class,
      OperatorCommand.Approve.class,
      OperatorCommand.Reject.class,
      OperatorCommand.Cancel.class,
      OperatorCommand.Retry.class,
      OperatorCommand.Skip.class,
      OperatorCommand.Abort.class,
      CheckCommand.class,
      CodecServerCommand.class,
      CommandLine.HelpCommand.class
    })
public final class OffboardCli implements Callable<Integer> {

  @Spec CommandSpec spec;

  private final CliContext ctx;

  public OffboardCli(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Without a command: the usage, and exit code 2. */
  @Override
  public Integer call() {
    ctx.err().println("Missing command.");
    spec.commandLine().usage(ctx.err());
    return ExitCodes.USAGE;
  }

  public static void main(String[] args) {
    System.exit(execute(CliContext.system(), args));
  }

  /** Runs one command line in {@code ctx} and returns its exit code. */
  public static int execute(CliContext ctx, String... args) {
    return commandLine(ctx).execute(args);
  }

  /** The configured command line: injected context, output streams, error handling. */
  public static CommandLine commandLine(CliContext ctx) {
    return commandLine(ctx, java.util.List.of());
  }

  /**
   * The configured command line with {@code moreCommands} added (the launcher's development tools):
   * added before the settings below, so that they apply to them too.
   */
  public static CommandLine commandLine(CliContext ctx, java.util.List<Class<?>> moreCommands) {
    ContextFactory factory = new ContextFactory(ctx);
    CommandLine cli = new CommandLine(new OffboardCli(ctx), factory);
    for (Class<?> command : moreCommands) {
      cli.addSubcommand(new CommandLine(command, factory));
    }
    // The streams' own encoding is the platform's (PrintStream has no getter for it on Java 17).
    cli.setOut(new PrintWriter(new OutputStreamWriter(ctx.out(), Charset.defaultCharset()), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(ctx.err(), Charset.defaultCharset()), true));
    // Distinct ids may start with '@': never read them as argument files.
    cli.setExpandAtFiles(false);
    CommandLine worker = cli.getSubcommands().get("worker");
    String[] description = worker.getCommandSpec().usageMessage().description();
    String[] variables = WorkerCommand.variables();
    String[] merged = java.util.Arrays.copyOf(description, description.length + variables.length);
    System.arraycopy(variables, 0, merged, description.length, variables.length);
    worker.getCommandSpec().usageMessage().description(merged);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> handle(ctx, commandLine.getCommandName(), e));
    return cli;
  }

  /** The last resort for failures a command did not handle itself: one clear line, right code. */
  public static int handle(CliContext ctx, String command, Exception e) {
    if (e instanceof TemporalConnection.TemporalUnreachable) {
      ctx.err().println("error: " + ctx.redact(e.getMessage()));
      return ExitCodes.TEMPORAL_UNREACHABLE;
    }
    if (e instanceof ConfigException) {
      ctx.err().println("error: " + ctx.redact(e.getMessage()));
      return ExitCodes.USAGE;
    }
    StatusRuntimeException grpc = grpcCause(e);
    if (grpc != null
        && (grpc.getStatus().getCode() == Status.Code.UNAVAILABLE
            || grpc.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED)) {
      ctx.err()
          .println(
              "error: lost the connection to Temporal ("
                  + grpc.getStatus().getCode()
                  + "): check that it is running (./offboard check), then run the command again;"
                  + " started offboardings go on without this command");
      return ExitCodes.TEMPORAL_UNREACHABLE;
    }
    ctx.err()
        .println(
            "error: "
                + command
                + " failed unexpectedly: "
                + ctx.redact(e.getClass().getSimpleName() + ": " + e.getMessage()));
    if ("DEBUG".equalsIgnoreCase(ctx.getenv("OFFBOARDING_LOG_LEVEL"))) {
      e.printStackTrace(ctx.err());
    } else {
      ctx.err()
          .println(
              "Run it again with OFFBOARDING_LOG_LEVEL=DEBUG for details; if it persists, it is a"
                  + " bug: please report it with that output.");
    }
    return ExitCodes.UNEXPECTED;
  }

  private static StatusRuntimeException grpcCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return s;
      }
    }
    return null;
  }

  /** {@code offboard 0.1.0}, from the jar manifest ({@code dev} when run from classes). */
  public static final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"offboard " + Version.current(), "Java " + Runtime.version()};
    }
  }

  /** Creates commands with the {@link CliContext} when they take one. */
  static final class ContextFactory implements CommandLine.IFactory {
    private final CliContext ctx;

    ContextFactory(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (Constructor<?> constructor : cls.getDeclaredConstructors()) {
        Class<?>[] parameters = constructor.getParameterTypes();
        if (parameters.length == 1 && parameters[0] == CliContext.class) {
          constructor.setAccessible(true);
          return cls.cast(constructor.newInstance(ctx));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
