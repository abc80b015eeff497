package dev.offboarding.suprsend.devtools;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.TemporalUi;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.devtools.realserver.DevData;
import dev.offboarding.suprsend.devtools.realserver.DevServer;
import dev.offboarding.suprsend.devtools.realserver.TemporalCli;
import dev.offboarding.suprsend.devtools.testserver.EmbeddedTemporal;
import dev.offboarding.suprsend.worker.WorkerConfig;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The Temporal that {@code dev} and {@code server} run on 127.0.0.1: the real Temporal server (the
 * Temporal CLI's dev server, with the Web UI and list queries) keeping its runs in {@link
 * DevData}'s SQLite file, or, with {@code --embedded} or when no Temporal CLI can be had,
 * Temporal's Java test server in memory.
 */
final class LocalTemporal implements AutoCloseable {

  /** What to start. */
  record Settings(int port, int uiPort, boolean fresh, boolean embedded) {}

  /** It could not be started; the message says why and what to do. */
  static final class StartFailed extends RuntimeException {
    StartFailed(String message) {
      super(message);
    }
  }

  private final DevServer real;
  private final EmbeddedTemporal embedded;
  private final Path database;

  private LocalTemporal(DevServer real, EmbeddedTemporal embedded, Path database) {
    this.real = real;
    this.embedded = embedded;
    this.database = database;
  }

  /**
   * Starts it; progress (building the CLI the first time, falling back to the test server) goes to
   * {@code ctx.err()}.
   *
   * @throws StartFailed when a port is taken or the server does not come up
   */
  static LocalTemporal start(CliContext ctx, Settings settings) {
    if (!settings.embedded()) {
      Path cli = null;
      try {
        cli = TemporalCli.provide(ctx.env(), ctx.err());
      } catch (TemporalCli.Unavailable e) {
        ctx.err().println("warning: " + e.getMessage());
        ctx.err()
            .println(
                "warning: running Temporal's Java test server instead (as with --embedded): in"
                    + " memory, no Web UI, no `./offboard list`.");
      }
      if (cli != null) {
        return startReal(ctx, cli, settings);
      }
    }
    try {
      return new LocalTemporal(null, EmbeddedTemporal.start(settings.port()), null);
    } catch (EmbeddedTemporal.PortUnavailable e) {
      throw new StartFailed(e.getMessage());
    }
  }

  private static LocalTemporal startReal(CliContext ctx, Path cli, Settings settings) {
    DevData data = DevData.in(ctx.env());
    if (settings.fresh() && data.deleteDatabase()) {
      ctx.err().println("--fresh: deleted " + data.database());
    }
    DevServer.Options options =
        DevServer.Options.loopback(settings.port(), settings.uiPort(), data.log())
            .withDbFile(data.database())
            .withLowLatency();
    try {
      return new LocalTemporal(DevServer.start(cli, options), null, data.database());
    } catch (DevServer.StartFailed e) {
      throw new StartFailed(e.getMessage());
    }
  }

  /** True on the real server (Web UI, list queries, runs kept on disk). */
  boolean isReal() {
    return real != null;
  }

  /** {@code 127.0.0.1:7233}. */
  String address() {
    return real != null ? real.address() : embedded.address();
  }

  /** The Web UI, or null on the test server. */
  String uiUrl() {
    return real == null ? null : real.uiUrl();
  }

  /** One line: what it is and where its runs are. */
  String description() {
    return real != null
        ? "the real Temporal server (Temporal CLI dev server), runs kept in "
            + database
            + " (--fresh starts empty)"
        : "Temporal's Java test server: real time, in memory (lost on exit), any namespace, no"
            + " Web UI, no ./offboard list";
  }

  /** The UI links an operator needs, or what is missing on the test server. */
  void printLinks(PrintStream out) {
    if (real == null) {
      out.println(
          "No Temporal Web UI on the Java test server: ./offboard install-temporal, then"
              + " ./offboard dev without --embedded, serves it.");
      return;
    }
    TemporalUi ui = new TemporalUi(real.uiUrl());
    out.println("In the Temporal UI (" + ui.base() + "):");
    out.println("  all offboardings  " + ui.list("default", TemporalUi.ALL_OFFBOARDINGS));
    out.println(
        "  NEEDS_ATTENTION   "
            + ui.list("default", TemporalUi.inState(OffboardingState.NEEDS_ATTENTION)));
  }

  /** The test server's limits, for whoever restarts workers against it. */
  void printTestServerCaveats(PrintStream err) {
    if (real == null) {
      err.println(
          "Restarting workers against it? Run them with "
              + WorkerConfig.STICKY_EXECUTION
              + "=false: this test server never hands a stopped worker's cached (sticky)"
              + " workflow tasks to another worker, as a real Temporal server does.");
    }
  }

  @Override
  public void close() {
    if (real != null) {
      real.close();
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
