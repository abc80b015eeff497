package dev.offboarding.suprsend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a command line in this JVM through picocli, with its own environment and captured output:
 * the starter's ({@link OffboardCli}) by default, or another one (the launcher's, in devtools).
 */
public final class Cli {

  /** Runs one command line in a context and returns its exit code. */
  @FunctionalInterface
  public interface CommandLineRunner {
    int execute(CliContext ctx, String... args);
  }

  /** One finished command. */
  public record Run(int exit, String out, String err) {
    /** The non-blank lines of stdout. */
    public List<String> lines() {
      return out.lines().filter(l -> !l.isBlank()).toList();
    }

    public String all() {
      return out + err;
    }
  }

  private final List<String> secrets = new ArrayList<>();
  private final CommandLineRunner runner;

  /** The starter's command line. */
  public Cli() {
    this(OffboardCli::execute);
  }

  public Cli(CommandLineRunner runner) {
    this.runner = runner;
  }

  /** Every run's output is checked not to contain any of these. */
  public Cli neverPrints(String secret) {
    secrets.add(secret);
    return this;
  }

  public Run run(Map<String, String> env, String... args) {
    return run(env, InputStream.nullInputStream(), args);
  }

  /** Runs with {@code stdin} as standard input. */
  public Run run(Map<String, String> env, InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = runner.execute(CliContext.of(env, stdin, o, e, StopSignal.manual()), args);
    }
    Run run =
        new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    for (String secret : secrets) {
      assertThat(run.all()).as("output of %s", List.of(args)).doesNotContain(secret);
    }
    return run;
  }

  /** A TCP port that nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
