package dev.offboarding.suprsend.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The worker's runnable jar is what the Docker image ships: nothing that exists only for tests or
 * development may be in it (Temporal's test server, its testing library, the SuprSend sandbox). Run
 * by failsafe in {@code mvn verify}, after {@code package} has built the jar; the enforcer rule in
 * worker/pom.xml refuses such dependencies even earlier.
 */
class WorkerJarContentsIT {

  // (io/temporal/internal/testservice holds the SDK's in-process gRPC helper, shipped in
  // temporal-serviceclient itself: not the test server.)
  private static final List<String> FORBIDDEN =
      List.of(
          "io/temporal/testserver/",
          "io/temporal/testing/",
          "dev/offboarding/suprsend/sandbox/",
          "dev/offboarding/suprsend/devtools/",
          "org/junit/");

  @Test
  void theWorkerJarHoldsNoTestServerTestingLibraryOrSandboxClass() throws IOException {
    Path jar = RepositoryFiles.root().resolve("worker/target/offboarding-worker.jar");
    assertThat(Files.isRegularFile(jar)).as("%s is built by `mvn package`", jar).isTrue();
    try (JarFile file = new JarFile(jar.toFile())) {
      List<String> offending =
          file.stream()
              .map(JarEntry::getName)
              .filter(name -> FORBIDDEN.stream().anyMatch(name::startsWith))
              .limit(10)
              .toList();
      assertThat(offending).as("test- or dev-only classes in the worker jar").isEmpty();
      assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("dev.offboarding.suprsend.worker.WorkerMain");
    }
  }
}
