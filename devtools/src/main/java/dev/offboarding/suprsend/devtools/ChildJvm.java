package dev.offboarding.suprsend.devtools;

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
 * Starts a main class of the project or of a dependency (the worker, Temporal's test server) in a
 * JVM of its own with this JVM's classpath, so that it can be measured or SIGKILLed on its own.
 * Used by {@code ./offboard bench} and the crash test.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /**
   * This JVM's classpath as plain entries. Surefire may start its fork with a manifest-only jar
   * whose {@code Class-Path} holds the real entries; those are expanded.
   */
  public static String classpath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(entry);
        entries.addAll(manifestClassPath(Paths.get(entry)));
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /**
   * A process builder for {@code mainClass} with {@code args}, whose environment is only {@code
   * env} and {@code PATH}: the child sees exactly the configuration the caller gives it. The caller
   * chooses where its output goes.
   */
  public static ProcessBuilder builder(
      String mainClass, List<String> jvmFlags, List<String> args, Map<String, String> env) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(classpath());
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(env);
    return builder;
  }

  /** Starts {@code builder}, naming {@code what} if the JVM cannot be started. */
  public static Process start(ProcessBuilder builder, String what) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start a JVM for " + what, e);
    }
  }

  /**
   * Starts {@code mainClass} small and quick to start ({@code -Xmx256m}, C1 only, plus {@code
   * jvmFlags}), with the given environment only, its output and errors appended to {@code log}.
   */
  public static Process startLogged(
      String mainClass, List<String> args, Map<String, String> env, Path log, String... jvmFlags) {
    List<String> flags = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
    flags.addAll(List.of(jvmFlags));
    try {
      Files.createDirectories(log.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the log folder " + log.getParent(), e);
    }
    return start(
        builder(mainClass, flags, args, env)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())),
        mainClass);
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
