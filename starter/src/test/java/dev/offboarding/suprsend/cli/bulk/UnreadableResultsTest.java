package dev.offboarding.suprsend.cli.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.cli.Cli;
import dev.offboarding.suprsend.cli.EndToEndRig;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result the client cannot read (here: the workers encrypt receipts and the CLI has no key) is
 * never a silently missing row: each user gets a RESULT_UNREADABLE row with the reason, the summary
 * counts them, and the exit code says the batch did not complete.
 */
class UnreadableResultsTest {

  @TempDir Path dir;

  @Test
  void receiptsTheCliCannotDecodeAreCountedAndReportedNotDropped() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String keyMaterial = Base64.getEncoder().encodeToString(key);
    List<String> ids = IntStream.range(0, 5).mapToObj(i -> "sealed-" + i).toList();
    try (EndToEndRig rig =
        EndToEndRig.start(
            "unreadable-results",
            SandboxOptions.defaults(),
            Map.of("OFFBOARDING_ENCRYPTION_KEY", "bulk-test:" + keyMaterial))) {
      rig.sandbox().addUsers(ids);
      Path input = Files.write(dir.resolve("users.txt"), ids);
      Path report = dir.resolve("report.json");
      Map<String, String> withoutKey = new HashMap<>(rig.env());
      withoutKey.remove("OFFBOARDING_ENCRYPTION_KEY");

      Cli.Run run =
          new Cli()
              .neverPrints(keyMaterial)
              .run(withoutKey, "bulk", input.toString(), "--wait", "--report", report.toString());

      assertThat(run.exit()).as(run.all()).isEqualTo(ExitCodes.NOT_COMPLETED);
      assertThat(run.out()).containsPattern("RESULT_UNREADABLE\\s+5");
      JsonNode rows = new ObjectMapper().readTree(report.toFile());
      assertThat(rows).hasSize(ids.size());
      for (JsonNode row : rows) {
        assertThat(row.path("outcome").asText()).isEqualTo("RESULT_UNREADABLE");
        assertThat(row.path("error").asText()).isNotBlank();
      }
      // The runs themselves completed: the users are gone, only the receipts were unreadable here.
      assertThat(ids).noneMatch(rig.sandbox()::hasUser);
    }
  }
}
