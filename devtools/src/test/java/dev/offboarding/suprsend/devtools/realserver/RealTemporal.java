package dev.offboarding.suprsend.devtools.realserver;

import static org.assertj.core.api.Assumptions.assumeThat;

import dev.offboarding.suprsend.cli.Cli;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tests on the real Temporal server find its CLI here. Without one they are skipped, unless {@code
 * OFFBOARD_REAL_TEMPORAL=required} (set by .ci/run, which provides the CLI first): then a missing
 * CLI fails them instead of passing silently.
 */
public final class RealTemporal {

  private RealTemporal() {}

  /** The Temporal CLI, or the test is skipped (or fails, when it is required). */
  public static Path cli() {
    Optional<Path> cli = TemporalCli.locate(System.getenv());
    if ("required".equals(System.getenv("OFFBOARD_REAL_TEMPORAL"))) {
      return cli.orElseThrow(
          () ->
              new AssertionError(
                  "OFFBOARD_REAL_TEMPORAL=required but no Temporal CLI was found: run"
                      + " ./offboard install-temporal first"));
    }
    assumeThat(cli).as("a Temporal CLI (./offboard install-temporal)").isPresent();
    return cli.get();
  }

  /** A dev server on free loopback ports, in memory, logging under target/. */
  public static DevServer start(String name) {
    return start(name, options(name));
  }

  public static DevServer start(String name, DevServer.Options options) {
    return DevServer.start(cli(), options);
  }

  /**
   * Loopback, free ports, in memory, with the UI, log in {@code target/real-temporal/}, and the
   * server knobs every dev server of the tools gets ({@link DevServer#LOW_LATENCY}).
   */
  public static DevServer.Options options(String name) {
    return DevServer.Options.loopback(
            Cli.freePort(), Cli.freePort(), Path.of("target", "real-temporal", name + ".log"))
        .withLowLatency();
  }

  /** As {@link #options}, without the Web UI. */
  public static DevServer.Options headless(String name) {
    return options(name).withoutUi();
  }
}
