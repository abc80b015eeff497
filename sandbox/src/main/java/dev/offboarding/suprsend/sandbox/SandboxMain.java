package dev.offboarding.suprsend.sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link SuprSendSandbox} as a standalone process until SIGTERM or Ctrl-C.
 *
 * <pre>
 * --port N          port on 127.0.0.1 (default 8099; 0 = any free port)
 * --api-key K       key to accept (default: $SUPRSEND_API_KEY, else a generated throwaway key)
 * --latency-ms N    latency added to every API request
 * --rate-limit N    API requests per second (0 = off)
 * --threads N       request threads (default 64)
 * --users FILE|N    seed users: N users user-1..user-N, or one id per line of FILE
 * </pre>
 *
 * <p>Prints exactly one line on stdout once listening; notes (never a real key) go to stderr.
 */
public final class SandboxMain {

  private static final String ENV_KEY = "SUPRSEND_API_KEY";

  private SandboxMain() {}

  /** Entry point; exits with status 2 on bad arguments. */
  public static void main(String[] args) throws InterruptedException {
    Config config;
    try {
      config = parse(args, System.getenv(ENV_KEY));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      usage(System.err);
      System.exit(2);
      return;
    }
    if (config.help) {
      usage(System.out);
      return;
    }
    List<String> users;
    try {
      users = seedUsers(config.users);
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("error: cannot read --users: " + e.getMessage());
      System.exit(2);
      return;
    }

    SuprSendSandbox sandbox = SuprSendSandbox.start(config.options);
    sandbox.addUsers(users);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandbox.close();
                  stopped.countDown();
                },
                "suprsend-sandbox-shutdown"));

    switch (config.keySource) {
      case "flag" -> System.err.println("API key: set from --api-key (not printed)");
      case "env" -> System.err.println("API key: set from $" + ENV_KEY + " (not printed)");
      default ->
          System.err.println(
              "API key: generated throwaway sandbox key, valid only against this sandbox: "
                  + sandbox.apiKey());
    }
    if (!users.isEmpty()) {
      System.err.println("Seeded " + sandbox.userCount() + " users");
    }
    System.out.println(
        "SuprSend sandbox (development emulator, not SuprSend) listening on " + sandbox.baseUrl());
    System.out.flush();
    stopped.await();
  }

  /** Parsed command line. */
  static final class Config {
    SandboxOptions options =
        SandboxOptions.defaults().withPort(8099).withApiKey(SandboxOptions.generateKey());
    String keySource = "generated";
    String users;
    boolean help;
  }

  static Config parse(String[] args, String envKey) {
    Config c = new Config();
    if (envKey != null && !envKey.isBlank()) {
      c.options = c.options.withApiKey(envKey);
      c.keySource = "env";
    }
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        c.help = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--port" -> c.options = c.options.withPort(integer(flag, value));
        case "--api-key" -> {
          c.options = c.options.withApiKey(value);
          c.keySource = "flag";
        }
        case "--latency-ms" ->
            c.options = c.options.withLatency(Duration.ofMillis(integer(flag, value)));
        case "--rate-limit" -> c.options = c.options.withRateLimit(decimal(flag, value));
        case "--threads" -> c.options = c.options.withThreads(integer(flag, value));
        case "--users" -> c.users = value;
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    return c;
  }

  /** {@code N} -> user-1..user-N; otherwise the non-blank lines of the file {@code spec}. */
  static List<String> seedUsers(String spec) throws IOException {
    List<String> out = new ArrayList<>();
    if (spec == null) {
      return out;
    }
    if (spec.matches("[0-9]+")) {
      int n = Integer.parseInt(spec);
      for (int i = 1; i <= n; i++) {
        out.add("user-" + i);
      }
      return out;
    }
    for (String line : Files.readAllLines(Path.of(spec), StandardCharsets.UTF_8)) {
      String id = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (!id.isBlank()) {
        out.add(id);
      }
    }
    return out;
  }

  private static int integer(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be an integer, was " + value, e);
    }
  }

  private static double decimal(String flag, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, was " + value, e);
    }
  }

  private static void usage(PrintStream out) {
    out.println(
        "usage: SandboxMain [--port N] [--api-key K] [--latency-ms N] [--rate-limit N]"
            + " [--threads N] [--users FILE|N]");
    out.println("A development emulator of SuprSend's API; never use it in place of SuprSend.");
  }
}
