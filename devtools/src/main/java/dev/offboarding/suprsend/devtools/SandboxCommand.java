package dev.offboarding.suprsend.devtools;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./offboard sandbox}: the SuprSend emulator alone, until Ctrl-C. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Run the SuprSend sandbox, a local emulator of SuprSend's API with fault injection, until"
          + " Ctrl-C. A development tool: never a stand-in for SuprSend in production.",
      "It accepts SUPRSEND_API_KEY when set (never printed), else a generated throwaway key that"
          + " is valid only against this sandbox."
    })
final class SandboxCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "8099",
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = {
        "Address to listen on (default: ${DEFAULT-VALUE}). 0.0.0.0 only inside a container"
            + " (docker-compose's sandbox profile): the control plane has no authentication."
      })
  String bind;

  @Option(
      names = "--users",
      paramLabel = "N",
      defaultValue = "20",
      description = "Seed users user-1..user-N (default: ${DEFAULT-VALUE}).")
  int users;

  @Option(
      names = "--latency-ms",
      paramLabel = "MS",
      defaultValue = "0",
      description = "Latency added to every API request, in milliseconds.")
  long latencyMs;

  @Option(
      names = "--rate-limit",
      paramLabel = "PER_SECOND",
      defaultValue = "0",
      description = "API requests per second before answering 429 with Retry-After (0 = off).")
  double rateLimit;

  private final CliContext ctx;

  SandboxCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    String envKey = ctx.getenv("SUPRSEND_API_KEY");
    SuprSendSandbox sandbox;
    try {
      SandboxOptions options =
          SandboxOptions.defaults()
              .withPort(port)
              .withApiKey(envKey != null ? envKey : SandboxOptions.generateKey())
              .withLatency(Duration.ofMillis(latencyMs))
              .withRateLimit(rateLimit);
      sandbox = SuprSendSandbox.start(options, InetAddress.getByName(bind));
    } catch (UnknownHostException e) {
      ctx.err().println("error: --bind " + bind + " is not an address of this host");
      ctx.stop().cleanedUp();
      return ExitCodes.USAGE;
    } catch (IllegalArgumentException | UncheckedIOException e) {
      ctx.err()
          .println(
              "error: cannot start the sandbox: "
                  + e.getMessage()
                  + (e instanceof UncheckedIOException
                      ? " (is port " + port + " in use? pick another with --port)"
                      : ""));
      ctx.stop().cleanedUp();
      return ExitCodes.USAGE;
    }
    try {
      sandbox.addUsers(seedIds(users));
      ctx.out()
          .println(
              "SuprSend sandbox (development emulator, not SuprSend) listening on "
                  + sandbox.baseUrl());
      ctx.out().flush();
      if (users > 0) {
        ctx.err().println("Seeded " + users + " users: user-1..user-" + users);
      }
      if (envKey != null) {
        ctx.err().println("API key: SUPRSEND_API_KEY (not printed)");
      } else {
        ctx.err()
            .println(
                "API key: a generated throwaway key, valid only against this sandbox. Point a"
                    + " worker at it with:");
        ctx.err()
            .println(
                "  SUPRSEND_BASE_URL="
                    + sandbox.baseUrl()
                    + " SUPRSEND_API_KEY="
                    + sandbox.apiKey()
                    + " ./offboard worker");
      }
      ctx.err().println("Press Ctrl-C to stop.");
      ctx.stop().await();
      return ExitCodes.OK;
    } finally {
      sandbox.close();
      ctx.err().println("SuprSend sandbox stopped.");
      ctx.stop().cleanedUp();
    }
  }

  static List<String> seedIds(int n) {
    List<String> ids = new ArrayList<>(Math.max(0, n));
    for (int i = 1; i <= n; i++) {
      ids.add("user-" + i);
    }
    return ids;
  }
}
