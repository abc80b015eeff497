package dev.offboarding.suprsend.worker.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Starts another JVM with this test JVM's classpath, so a main class of the project or of a
 * dependency (Temporal's test server, the worker) runs in its own process and can be SIGKILLed.
 */
final class ChildJvm {

  private ChildJvm() {}

  /**
   * The test JVM's classpath as plain entries. Surefire may start the fork with a manifest-only jar
   * whose {@code Class-Path} holds the real entries; those are expanded.
   */
  static String classpath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      entries.add(entry);
      entries.addAll(manifestClassPath(Paths.get(entry)));
    }
    return String.join(File.pathSeparator, entries);
  }

  /**
   * Starts {@code mainClass} with {@code args}, the given environment only, output to {@code log}.
   */
  static Process start(
      String mainClass, List<String> args, Map<String, String> env, Path log, String... jvmFlags) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(List.of(jvmFlags));
    command.add("-cp");
    command.add(classpath());
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(env);
    try {
      Files.createDirectories(log.getParent());
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + mainClass, e);
    }
  }

  private static List<String> manifestClassPath(Path jar) {
    if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
      return List.of();
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath =
          manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (classPath == null) {
        return List.of();
      }
      List<String> entries = new ArrayList<>();
      for (String url : classPath.trim().split("\\s+")) {
        URI uri = jar.toUri().resolve(url);
        entries.add(Paths.get(uri).toString());
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the manifest of " + jar, e);
    }
  }
}
