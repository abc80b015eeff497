package dev.offboarding.suprsend.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.cli.Cli;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher (./offboard): usage, help and version; no Temporal, no SuprSend. */
class LauncherUsageTest {

  private final Cli cli = new Cli(Offboard::execute);

  @Test
  void noCommandShowsUsageAndExits2() {
    Cli.Run run = cli.run(Map.of());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing command").contains("start").contains("demo");
  }

  @Test
  void helpListsEveryCommand() {
    Cli.Run run = cli.run(Map.of(), "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("demo", "dev", "server", "sandbox", "worker", "start", "status", "check")
        .contains("Exit codes: 0 success, 2 usage or bad input");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command :
        new String[] {"demo", "dev", "server", "sandbox", "worker", "start", "status", "check"}) {
      Cli.Run run = cli.run(Map.of(), command, "--help");
      assertThat(run.exit()).as(command).isZero();
      assertThat(run.out()).as(command).contains("Usage: offboard " + command);
    }
    assertThat(cli.run(Map.of(), "worker", "--help").out())
        .contains("SUPRSEND_API_KEY")
        .contains("OFFBOARDING_RETRY_INITIAL_INTERVAL");
  }

  @Test
  void versionComesFromTheManifestOrSaysDev() {
    Cli.Run run = cli.run(Map.of(), "--version");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("offboard ");
  }

  @Test
  void usageErrorsExit2() {
    assertThat(cli.run(Map.of(), "start").exit()).isEqualTo(2);
    assertThat(cli.run(Map.of(), "start", "x", "--no-such-flag").exit()).isEqualTo(2);
    assertThat(cli.run(Map.of(), "status").exit()).isEqualTo(2);
    assertThat(cli.run(Map.of(), "no-such-command").exit()).isEqualTo(2);
    assertThat(cli.run(Map.of(), "dev", "--port", "not-a-number").exit()).isEqualTo(2);
  }

  @Test
  void idsStartingWithAtAreIdsNotArgumentFiles() {
    Cli.Run run = cli.run(Map.of(), "start", "@nonexistent-file", "");

    // The blank id is rejected; "@nonexistent-file" is taken as an id, not read as a file.
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("ID #2").doesNotContain("ID #1");
  }

  @Test
  void checkWithoutAnyConfigurationSaysWhatIsMissing() {
    Cli.Run run = cli.run(Map.of("TEMPORAL_ADDRESS", "localhost:" + Cli.freePort()), "check");

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.out()).containsPattern("Configuration\\s+FAILED");
    assertThat(run.err()).contains("SUPRSEND_API_KEY is not set");
  }
}
