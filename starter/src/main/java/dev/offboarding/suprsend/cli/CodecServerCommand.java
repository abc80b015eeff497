package dev.offboarding.suprsend.cli;

import dev.offboarding.suprsend.worker.ConfigException;
import dev.offboarding.suprsend.worker.encryption.CodecServer;
import dev.offboarding.suprsend.worker.encryption.CodecServerConfig;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./offboard codec-server}: decrypts payloads for the Temporal UI and CLI, until Ctrl-C. */
@Command(
    name = "codec-server",
    mixinStandardHelpOptions = true,
    description = {
      "Run a Temporal codec server (POST /encode, /decode) with the workers' keys, so the Temporal"
          + " UI and the temporal CLI show encrypted payloads in clear, until Ctrl-C.",
      "Needs OFFBOARDING_ENCRYPTION_KEY (the same keys as the workers) and"
          + " OFFBOARDING_CODEC_SERVER_TOKEN (every request must present it: Authorization: Bearer"
          + " <token>, or the Temporal UI's endpoint http://host:port/<token>). Also"
          + " OFFBOARDING_CODEC_SERVER_PORT (8888), OFFBOARDING_CODEC_SERVER_BIND (127.0.0.1),"
          + " OFFBOARDING_CODEC_SERVER_CORS_ORIGINS (http://localhost:8080, the UI's origin)."
    })
public final class CodecServerCommand implements Callable<Integer> {

  private final CliContext ctx;

  public CodecServerCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    CodecServer server;
    try {
      CodecServerConfig config = CodecServerConfig.fromEnvironment(ctx.env());
      server = CodecServer.start(config);
      ctx.out()
          .println(
              "Codec server listening on http://"
                  + config.bind()
                  + ":"
                  + server.port()
                  + " (keys "
                  + config.keys().keyIds()
                  + "; CORS origins "
                  + config.corsOrigins()
                  + ")");
      ctx.out().flush();
    } catch (ConfigException e) {
      e.problems().forEach(p -> ctx.err().println("error: " + ctx.redact(p)));
      ctx.stop().cleanedUp();
      return ExitCodes.USAGE;
    } catch (UncheckedIOException e) {
      ctx.err().println("error: cannot start the codec server: " + e.getMessage());
      ctx.stop().cleanedUp();
      return ExitCodes.USAGE;
    }
    try {
      ctx.err().println("Press Ctrl-C to stop.");
      ctx.stop().await();
      return ExitCodes.OK;
    } finally {
      server.close();
      ctx.stop().cleanedUp();
    }
  }
}
