package dev.offboarding.suprsend.devtools.realserver;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Temporal CLI (the real Temporal server's dev mode, with the Web UI) or builds it from
 * the Go module proxy: {@code TEMPORAL_CLI} when set, else a {@code temporal} 1.x on the PATH, else
 * the copy {@code ./offboard install-temporal} built into the git-ignored {@code .tools/} folder.
 */
public final class TemporalCli {

  /** The version built from the module proxy: it bundles Temporal server 1.29.1 and UI 2.42.1. */
  public static final String VERSION = "1.5.1";

  /** Later CLI versions carry a {@code replace} directive and cannot be {@code go install}ed. */
  static final String MODULE = "github.com/temporalio/cli/cmd/temporal@v" + VERSION;

  private static final String HOW_TO_INSTALL =
      "Install Go 1.22+ (then run ./offboard install-temporal again), or install the Temporal CLI"
          + " (https://docs.temporal.io/cli) and put `temporal` on the PATH or set TEMPORAL_CLI to"
          + " its path.";

  /** No CLI is there and none can be built here; the message says what to install. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }

  private TemporalCli() {}

  /** The CLI that is already there, if any. */
  public static Optional<Path> locate(Map<String, String> env) {
    String explicit = env.get("TEMPORAL_CLI");
    if (explicit != null && !explicit.isBlank()) {
      Path path = Paths.get(explicit);
      if (!Files.isExecutable(path)) {
        throw new Unavailable(
            "TEMPORAL_CLI is set to "
                + explicit
                + ", which is not an executable file: point it at the temporal binary, or unset"
                + " it to use the one on the PATH or build one (./offboard install-temporal).");
      }
      return Optional.of(path);
    }
    Optional<Path> onPath = onPath("temporal", env);
    if (onPath.isPresent() && version(onPath.get()).startsWith("1.")) {
      return onPath;
    }
    Path built = builtPath(env);
    return Files.isExecutable(built) ? Optional.of(built) : Optional.empty();
  }

  /**
   * The CLI, built from the Go module proxy into {@code .tools/} when none is there (the first time
   * takes minutes; Go's output is shown on {@code progress}).
   *
   * @throws Unavailable when there is no CLI and no Go to build one
   */
  public static Path provide(Map<String, String> env, PrintStream progress) {
    Optional<Path> found = locate(env);
    if (found.isPresent()) {
      return found.get();
    }
    Path go =
        onPath("go", env)
            .orElseThrow(
                () ->
                    new Unavailable(
                        "No Temporal CLI was found (TEMPORAL_CLI, `temporal` on the PATH, "
                            + builtPath(env)
                            + ") and Go is not installed to build one. "
                            + HOW_TO_INSTALL));
    Path target = builtPath(env);
    progress.println(
        "Building the Temporal CLI "
            + VERSION
            + " (server 1.29.1, Web UI 2.42.1) from the Go module proxy into "
            + target.getParent()
            + ": the first time downloads ~1 GB of modules and takes several minutes...");
    progress.flush();
    List<String> command =
        List.of(
            go.toString(),
            "install",
            "-v",
            "-ldflags",
            "-s -w -X github.com/temporalio/cli/temporalcli.Version=" + VERSION,
            MODULE);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().put("CGO_ENABLED", "0");
    builder.environment().put("GOBIN", target.getParent().toString());
    builder.environment().put("GOFLAGS", "-buildvcs=false");
    int exit;
    try {
      Files.createDirectories(target.getParent());
      Process process = builder.start();
      try (InputStream out = process.getInputStream()) {
        out.transferTo(progress);
      }
      exit = process.waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + go + " install", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while building the Temporal CLI");
    }
    if (exit != 0 || !Files.isExecutable(target)) {
      throw new Unavailable(
          "`go install "
              + MODULE
              + "` failed (exit "
              + exit
              + ", output above): check that the Go module proxy is reachable (go env GOPROXY)."
              + " Or: "
              + HOW_TO_INSTALL);
    }
    return target;
  }

  /** Where {@code install-temporal} puts the CLI: {@code <repository>/.tools/temporal-1.5.1/}. */
  public static Path builtPath(Map<String, String> env) {
    String tools = env.get("OFFBOARD_TOOLS_DIR");
    Path dir =
        tools != null && !tools.isBlank() ? Paths.get(tools) : repositoryRoot().resolve(".tools");
    return dir.resolve("temporal-" + VERSION).resolve("temporal");
  }

  /** What {@code temporal --version} says, or "" when it does not answer. */
  public static String version(Path cli) {
    try {
      Process process =
          new ProcessBuilder(cli.toString(), "--version").redirectErrorStream(true).start();
      String text;
      try (InputStream out = process.getInputStream()) {
        text = new String(out.readNBytes(4096), StandardCharsets.UTF_8).trim();
      }
      if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return "";
      }
      // "temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)"
      String[] words = text.split("\\s+");
      return words.length >= 3 ? words[2] : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /**
   * The repository this launcher was built in: {@code devtools/target/offboard.jar} or {@code
   * devtools/target/classes} is three levels below it.
   */
  static Path repositoryRoot() {
    try {
      Path location =
          Paths.get(TemporalCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = location.getParent().getParent().getParent();
      return root == null ? Paths.get("").toAbsolutePath() : root;
    } catch (URISyntaxException | RuntimeException e) {
      return Paths.get("").toAbsolutePath();
    }
  }

  private static Optional<Path> onPath(String program, Map<String, String> env) {
    String path = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
    List<Path> candidates = new ArrayList<>();
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        candidates.add(Paths.get(dir, program));
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }
}
