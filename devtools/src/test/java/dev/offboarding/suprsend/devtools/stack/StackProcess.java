package dev.offboarding.suprsend.devtools.stack;

import dev.offboarding.suprsend.devtools.LogFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of the native stack: a command with exactly the given environment (plus {@code
 * PATH}), its output appended to a log file, killed with SIGKILL as {@code docker kill} would.
 */
final class StackProcess implements AutoCloseable {

  private final String name;
  private final Path log;
  private final Process process;

  private StackProcess(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  /** A process started elsewhere (a JVM from ChildJvm) whose output goes to {@code log}. */
  static StackProcess of(String name, Path log, Process process) {
    return new StackProcess(name, log, process);
  }

  /** Starts {@code command} in {@code dir} with only {@code env} and PATH. */
  static StackProcess start(
      String name, List<String> command, Map<String, String> env, Path dir, Path log) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(env);
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "---- start " + name + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      builder
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      return new StackProcess(name, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + " (" + command.get(0) + ")", e);
    }
  }

  /** Runs {@code command} to its end (at most {@code seconds}); its exit code. */
  static int run(
      String name, List<String> command, Map<String, String> env, Path dir, Path log, int seconds) {
    try (StackProcess p = start(name, command, env, dir, log)) {
      if (!p.process.waitFor(seconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            name + " did not finish within " + seconds + " s; " + p.tail());
      }
      return p.process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + name, e);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no graceful anything. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of the log, for failure messages. */
  String tail() {
    return "last lines of " + log + ":\n" + LogFiles.tail(log, 40);
  }

  /** Fails with the log's tail when the process has exited. */
  void assertAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited with " + process.exitValue() + "; " + tail());
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
      }
    }
  }
}
