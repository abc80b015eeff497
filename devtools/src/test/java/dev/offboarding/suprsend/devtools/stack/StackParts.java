package dev.offboarding.suprsend.devtools.stack;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.offboarding.suprsend.worker.deploy.ComposeFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the native parts are, as devtools/stack-test.sh installs and exports them: PostgreSQL's
 * binaries, the Temporal server and its SQL tool with the module's config folder, the UI server
 * with its config folder, the Temporal CLI, and the worker jar the Docker image ships.
 */
record StackParts(
    Path postgresBin, Path temporalServerDir, Path uiServerDir, Path temporalCli, Path workerJar) {

  /**
   * The parts, or the test is skipped when they are not installed, unless {@code
   * OFFBOARD_STACK=required} (set by devtools/stack-test.sh): then a missing part fails.
   */
  static StackParts locateOrSkip() {
    Path root = ComposeFile.repositoryRoot();
    StackParts parts =
        new StackParts(
            path("STACK_POSTGRES_BIN"),
            path("STACK_TEMPORAL_SERVER_DIR"),
            path("STACK_UI_SERVER_DIR"),
            path("TEMPORAL_CLI"),
            root.resolve("worker/target/offboarding-worker.jar"));
    String missing = parts.missing();
    if ("required".equals(System.getenv("OFFBOARD_STACK"))) {
      if (missing != null) {
        throw new IllegalStateException(
            "OFFBOARD_STACK=required but " + missing + ": run devtools/stack-test.sh");
      }
    } else {
      assumeTrue(missing == null, "the native stack is not installed: run devtools/stack-test.sh");
    }
    return parts;
  }

  Path temporalServer() {
    return temporalServerDir.resolve("temporal-server");
  }

  Path sqlTool() {
    return temporalServerDir.resolve("temporal-sql-tool");
  }

  Path uiServer() {
    return uiServerDir.resolve("ui-server");
  }

  private String missing() {
    if (postgresBin == null || !Files.isExecutable(postgresBin.resolve("initdb"))) {
      return "PostgreSQL's initdb is not in STACK_POSTGRES_BIN";
    }
    if (temporalServerDir == null || !Files.isExecutable(temporalServer())) {
      return "STACK_TEMPORAL_SERVER_DIR has no temporal-server";
    }
    if (!Files.isExecutable(sqlTool())) {
      return "STACK_TEMPORAL_SERVER_DIR has no temporal-sql-tool";
    }
    if (uiServerDir == null || !Files.isExecutable(uiServer())) {
      return "STACK_UI_SERVER_DIR has no ui-server";
    }
    if (temporalCli == null || !Files.isExecutable(temporalCli)) {
      return "TEMPORAL_CLI is not an executable Temporal CLI";
    }
    if (!Files.isRegularFile(workerJar)) {
      return workerJar + " is missing (./mvnw -DskipTests package)";
    }
    return null;
  }

  private static Path path(String variable) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? null : Paths.get(value).toAbsolutePath();
  }
}
