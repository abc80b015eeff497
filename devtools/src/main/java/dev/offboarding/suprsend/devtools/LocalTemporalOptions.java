package dev.offboarding.suprsend.devtools;

import picocli.CommandLine.Option;

/** The options of {@code dev} and {@code server} that choose and place the local Temporal. */
final class LocalTemporalOptions {

  @Option(
      names = "--port",
      defaultValue = "7233",
      description = "Temporal's gRPC port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--ui-port",
      defaultValue = "8233",
      description = "The Temporal Web UI's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int uiPort;

  @Option(
      names = "--fresh",
      description =
          "Start empty: delete the runs kept in .offboard-data/dev.sqlite (OFFBOARD_DATA_DIR) first.")
  boolean fresh;

  @Option(
      names = "--embedded",
      description =
          "Temporal's Java test server instead of the real one: in memory, no Web UI, no list"
              + " queries, no sticky-queue timeout; needs no Temporal CLI.")
  boolean embedded;

  LocalTemporal.Settings settings() {
    return new LocalTemporal.Settings(port, uiPort, fresh, embedded);
  }
}
