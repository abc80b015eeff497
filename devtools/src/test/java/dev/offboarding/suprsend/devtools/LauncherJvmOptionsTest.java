package dev.offboarding.suprsend.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script ({@code ./offboard}) picks the JVM's options by command: a copy of it runs
 * beside a built jar, with a {@code java} on the PATH that prints what it was given.
 */
class LauncherJvmOptionsTest {

  private static final String QUICK = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  @TempDir Path root;
  private Path fakeJava;

  @BeforeEach
  void copyTheLauncherBesideAJar() throws IOException {
    Path script = root.resolve("offboard");
    Files.copy(Paths.get("..", "offboard"), script);
    executable(script);
    Path jar = root.resolve("devtools/target/offboard.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "not read: java is a stand-in");
    fakeJava = root.resolve("bin/java");
    Files.createDirectories(fakeJava.getParent());
    Files.writeString(fakeJava, "#!/usr/bin/env bash\necho \"$*\"\n");
    executable(fakeJava);
  }

  @Test
  void shortLivedCommandsRunWithTheQuickCompilerAndTheSerialCollector() throws Exception {
    for (String command : List.of("bulk", "start", "status", "list", "check", "bench")) {
      assertThat(launch("", command, "x"))
          .as(command)
          .isEqualTo(QUICK + " -jar " + jar() + " " + command + " x");
    }
    assertThat(launch("")).as("no command").startsWith(QUICK + " -jar");
  }

  @Test
  void longRunningCommandsKeepTheJvmDefaults() throws Exception {
    for (String command : List.of("worker", "dev", "server", "sandbox", "demo", "codec-server")) {
      assertThat(launch("", command)).as(command).isEqualTo("-jar " + jar() + " " + command);
    }
  }

  @Test
  void offboardJavaOptsComeLastSoTheyCanUndoTheDefaults() throws Exception {
    assertThat(launch("-XX:TieredStopAtLevel=4 -Xmx1g", "bulk"))
        .isEqualTo(QUICK + " -XX:TieredStopAtLevel=4 -Xmx1g -jar " + jar() + " bulk");
    assertThat(launch("-Xmx1g", "worker")).isEqualTo("-Xmx1g -jar " + jar() + " worker");
  }

  @Test
  void aCollectorChosenInOffboardJavaOptsReplacesTheSerialOneSinceTheJvmRefusesTwo()
      throws Exception {
    assertThat(launch("-XX:+UseG1GC", "bulk"))
        .isEqualTo("-XX:TieredStopAtLevel=1 -XX:+UseG1GC -jar " + jar() + " bulk");
  }

  private String jar() throws IOException {
    return root.toRealPath().resolve("devtools/target/offboard.jar").toString();
  }

  private String launch(String javaOpts, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(List.of("bash", root.resolve("offboard").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder
        .environment()
        .put("PATH", fakeJava.getParent() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin"));
    builder.environment().put("OFFBOARD_JAVA_OPTS", javaOpts);
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(out).isZero();
    return out.strip();
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
