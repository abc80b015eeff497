package dev.offboarding.suprsend.cli;

import dev.offboarding.suprsend.contract.IdScheme;
import dev.offboarding.suprsend.contract.OffboardingIds;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may use from its surroundings: the environment, where to print, and how it is told
 * to stop. Commands never read {@code System.getenv()} or {@code System.out} directly, so tests run
 * them in one JVM with their own environment and captured output.
 */
public final class CliContext {

  /** Variables whose values are secrets: never printed, and removed from anything that is. */
  public static final List<String> SECRET_VARIABLES =
      List.of(
          "SUPRSEND_API_KEY",
          "TEMPORAL_API_KEY",
          "OFFBOARDING_ENCRYPTION_KEY",
          "OFFBOARDING_CODEC_SERVER_TOKEN",
          "OFFBOARDING_WEBHOOK_SECRET");

  private final Map<String, String> env;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final StopSignal stop;

  private CliContext(
      Map<String, String> env, InputStream in, PrintStream out, PrintStream err, StopSignal stop) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.stop = Objects.requireNonNull(stop, "stop");
  }

  /** The process's own environment and streams; long-running commands stop on SIGTERM/Ctrl-C. */
  public static CliContext system() {
    return new CliContext(
        System.getenv(), System.in, System.out, System.err, StopSignal.onJvmShutdown());
  }

  /** A context for tests and embedding, with nothing on standard input. */
  public static CliContext of(
      Map<String, String> env, PrintStream out, PrintStream err, StopSignal stop) {
    return new CliContext(env, InputStream.nullInputStream(), out, err, stop);
  }

  /** A context for tests and embedding that reads {@code in} as standard input. */
  public static CliContext of(
      Map<String, String> env, InputStream in, PrintStream out, PrintStream err, StopSignal stop) {
    return new CliContext(env, in, out, err, stop);
  }

  /** The environment (immutable). */
  public Map<String, String> env() {
    return env;
  }

  /** A variable's trimmed value, or null when unset or blank. */
  public String getenv(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** Standard input ({@code bulk -} reads ids from it). */
  public InputStream in() {
    return in;
  }

  /** Where results go: tables and JSON lines. */
  public PrintStream out() {
    return out;
  }

  /** Where errors, progress and hints go. */
  public PrintStream err() {
    return err;
  }

  /** How a long-running command learns that it should stop. */
  public StopSignal stop() {
    return stop;
  }

  /** The task queue: the flag when given, else {@code OFFBOARDING_TASK_QUEUE}, else the default. */
  public String taskQueue(String flag) {
    if (flag != null && !flag.isBlank()) {
      return flag.trim();
    }
    String fromEnv = getenv("OFFBOARDING_TASK_QUEUE");
    return fromEnv != null ? fromEnv : OffboardingIds.DEFAULT_TASK_QUEUE;
  }

  /**
   * How distinct ids become workflow ids ({@code OFFBOARDING_ID_SCHEME}); commands take the plain
   * id and address the run through this.
   *
   * @throws IllegalArgumentException naming the variable when its value is not a scheme
   */
  public IdScheme idScheme() {
    return IdScheme.parse(getenv(IdScheme.VARIABLE));
  }

  /** {@code text} with the value of every secret variable replaced by {@code <redacted>}. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String name : SECRET_VARIABLES) {
      String secret = getenv(name);
      if (secret != null && secret.length() >= 4) {
        result = result.replace(secret, "<redacted>");
      }
    }
    return result;
  }
}
