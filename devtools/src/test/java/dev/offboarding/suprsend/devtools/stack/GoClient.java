package dev.offboarding.suprsend.devtools.stack;

import dev.offboarding.suprsend.worker.deploy.ComposeFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Another language's client: one of the Go SDK contract tests (clients/go), run against the stack.
 */
final class GoClient {

  private GoClient() {}

  static void runContractTest(String test, String temporalAddress, String sandboxUrl, Path dir) {
    Path clients = ComposeFile.repositoryRoot().resolve("clients");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("TEMPORAL_ADDRESS", temporalAddress);
    env.put("SANDBOX_URL", sandboxUrl);
    env.put("CONTRACT_SCHEMA_DIR", clients.resolve("schema").toString());
    Path log = dir.resolve("go-client.log");
    int exit =
        StackProcess.run(
            "go test",
            List.of("go", "test", "-count=1", "-run", "^" + test + "$", "-v", "./offboarding"),
            env,
            clients.resolve("go"),
            log,
            600);
    if (exit != 0) {
      throw new AssertionError(
          "the Go client's "
              + test
              + " failed (exit "
              + exit
              + "):\n"
              + dev.offboarding.suprsend.devtools.LogFiles.tail(log, 40));
    }
  }
}
