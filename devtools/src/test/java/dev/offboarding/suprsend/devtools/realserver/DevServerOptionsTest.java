package dev.offboarding.suprsend.devtools.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the dev server's options are put together and become its command line. */
class DevServerOptionsTest {

  private static final Path CLI = Path.of("/opt/temporal");
  private static final Path LOG = Path.of("target", "real-temporal", "options.log");
  private static final DevServer.Options BASE = DevServer.Options.loopback(7233, 8233, LOG);

  @Test
  void loopbackMeansLocalInMemoryWithTheUiAndNothingElse() {
    assertThat(BASE)
        .isEqualTo(
            new DevServer.Options("127.0.0.1", 7233, 8233, null, null, false, List.of(), LOG));
  }

  @Test
  void eachSettingChangesOnlyItsOwnField() {
    Path db = Path.of("runs.db");
    assertThat(BASE.withDbFile(db))
        .isEqualTo(new DevServer.Options("127.0.0.1", 7233, 8233, db, null, false, List.of(), LOG));
    assertThat(BASE.withUiCodecEndpoint("http://127.0.0.1:9/codec"))
        .isEqualTo(
            new DevServer.Options(
                "127.0.0.1", 7233, 8233, null, "http://127.0.0.1:9/codec", false, List.of(), LOG));
    assertThat(BASE.withoutUi())
        .isEqualTo(
            new DevServer.Options("127.0.0.1", 7233, 8233, null, null, true, List.of(), LOG));
    assertThat(BASE.withLowLatency())
        .isEqualTo(
            new DevServer.Options(
                "127.0.0.1", 7233, 8233, null, null, false, DevServer.LOW_LATENCY, LOG));
  }

  @Test
  void settingsAddUp() {
    DevServer.Options options = BASE.withDbFile(Path.of("runs.db")).withoutUi().withLowLatency();

    assertThat(options)
        .isEqualTo(
            new DevServer.Options(
                "127.0.0.1",
                7233,
                8233,
                Path.of("runs.db"),
                null,
                true,
                DevServer.LOW_LATENCY,
                LOG));
  }

  @Test
  void theCommandLineCarriesEverySetting() {
    DevServer.Options options =
        BASE.withDbFile(Path.of("runs.db"))
            .withUiCodecEndpoint("http://127.0.0.1:9/codec")
            .withLowLatency();

    assertThat(DevServer.command(CLI, options))
        .containsSubsequence(
            CLI.toString(), "server", "start-dev", "--ip", "127.0.0.1", "--port", "7233")
        .containsSubsequence("--ui-port", "8233")
        .containsSubsequence("--db-filename", "runs.db")
        .containsSubsequence("--ui-codec-endpoint", "http://127.0.0.1:9/codec")
        .containsSubsequence("--search-attribute", "OffboardingState=Keyword")
        .containsSubsequence(
            "--dynamic-config-value", "history.transferProcessorMaxPollRPS=200",
            "--dynamic-config-value", "system.enableActivityEagerExecution=true")
        .doesNotContain("--headless");
  }

  @Test
  void lowLatencySetsTheTaskReaderRateEagerActivitiesAndOnePartitionOnceHoweverOftenAskedFor() {
    DevServer.Options options = BASE.withLowLatency().withLowLatency();

    assertThat(options.dynamicConfig())
        .containsExactly(
            "history.transferProcessorMaxPollRPS=200",
            "system.enableActivityEagerExecution=true",
            "matching.numTaskqueueReadPartitions=1",
            "matching.numTaskqueueWritePartitions=1");
  }

  @Test
  void theDefaultsLeaveOutWhatIsNotSetAndHeadlessDropsTheUiPort() {
    List<String> command = DevServer.command(CLI, BASE.withoutUi());

    assertThat(command)
        .contains("--headless")
        .doesNotContain(
            "--ui-port", "--db-filename", "--ui-codec-endpoint", "--dynamic-config-value");
  }
}
