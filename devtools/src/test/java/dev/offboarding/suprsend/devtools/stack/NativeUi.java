package dev.offboarding.suprsend.devtools.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The compose file's {@code temporal-ui} service natively: the UI server of the image's version,
 * configured as the image configures it, from the module's {@code config/docker.yaml} template and
 * the service's environment. One line is added: {@code host: 127.0.0.1}, because compose publishes
 * the port on the host's loopback only while the template listens on every interface. The copy is
 * written into the stack's own folder ({@code ui-config/native-stack.yaml}) and the server reads
 * its config from there alone, as the image's server reads only its {@code config/docker.yaml}; the
 * shared {@code .tools/} folder is only read, never written.
 */
final class NativeUi {

  private static final String CONFIG_DIR = "ui-config";
  private static final String ENV = "native-stack";

  private final StackParts parts;
  private final Path dir;
  private StackProcess server;

  NativeUi(StackParts parts, Path dir) {
    this.parts = parts;
    this.dir = dir;
  }

  /** Starts the UI server with the service's environment (resolved and translated). */
  void start(Map<String, String> serviceEnv, int port) {
    Path config = dir.resolve(CONFIG_DIR);
    try {
      Files.createDirectories(config);
      Files.writeString(
          config.resolve(ENV + ".yaml"),
          Files.readString(parts.uiServerDir().resolve("config/docker.yaml"))
              + "\nhost: "
              + NativeNetwork.LOOPBACK
              + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the UI server's config in " + config, e);
    }
    server =
        StackProcess.start(
            "ui-server",
            // The server reads ROOT/CONFIG/base.yaml (when there is one) and ROOT/CONFIG/ENV.yaml.
            List.of(
                parts.uiServer().toString(),
                "--root",
                dir.toString(),
                "--config",
                CONFIG_DIR,
                "--env",
                ENV,
                "start"),
            serviceEnv,
            dir,
            dir.resolve("ui-server.log"));
    NativeStack.awaitHttp("the UI server", "http://127.0.0.1:" + port + "/api/v1/settings", server);
  }

  void stop() {
    if (server != null) {
      server.close();
    }
  }
}
