package dev.offboarding.suprsend.worker.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The crash test's child JVMs (Temporal's test server, the worker): small, quick to start, output
 * and errors appended to {@code log}. Built on {@link
 * dev.offboarding.suprsend.worker.process.ChildJvm}.
 */
final class ChildJvm {

  private ChildJvm() {}

  /**
   * Starts {@code mainClass} with {@code args}, the given environment only, output to {@code log}.
   */
  static Process start(
      String mainClass, List<String> args, Map<String, String> env, Path log, String... jvmFlags) {
    List<String> flags = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
    flags.addAll(List.of(jvmFlags));
    try {
      Files.createDirectories(log.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the log folder " + log.getParent(), e);
    }
    return dev.offboarding.suprsend.worker.process.ChildJvm.start(
        dev.offboarding.suprsend.worker.process.ChildJvm.builder(mainClass, flags, args, env)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())),
        mainClass);
  }
}
