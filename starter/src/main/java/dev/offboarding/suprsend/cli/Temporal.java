package dev.offboarding.suprsend.cli;

import dev.offboarding.suprsend.worker.TemporalConnection;
import java.time.Duration;

/** Connects the CLI to the Temporal that the environment names, and checks it answers. */
public final class Temporal {

  /** How long a command waits for Temporal to answer before calling it unreachable. */
  public static final Duration REACHABLE_TIMEOUT = Duration.ofSeconds(5);

  private Temporal() {}

  /**
   * Connects with {@link TemporalConnection#connect} ({@code TEMPORAL_ADDRESS}, {@code
   * TEMPORAL_NAMESPACE}, {@code TEMPORAL_API_KEY}, TOML profiles) and checks reachability up front.
   *
   * @throws TemporalConnection.TemporalUnreachable when it does not answer (exit code 4)
   * @throws dev.offboarding.suprsend.worker.ConfigException when the settings cannot be read
   */
  public static TemporalConnection connect(CliContext ctx) {
    TemporalConnection connection = TemporalConnection.connect(ctx.env());
    try {
      connection.checkReachable(REACHABLE_TIMEOUT);
      return connection;
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
  }
}
