package dev.offboarding.suprsend.devtools.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
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
            new DevServer.Options(
                "127.0.0.1", 7233, 8233, 0, null, null, false, List.of(), List.of(), LOG));
  }

  @Test
  void eachSettingChangesOnlyItsOwnField() {
    Path db = Path.of("runs.db");
    assertThat(BASE.withDbFile(db))
        .isEqualTo(
            new DevServer.Options(
                "127.0.0.1", 7233, 8233, 0, db, null, false, List.of(), List.of(), LOG));
    assertThat(BASE.withHttpPort(7243))
        .isEqualTo(
            new DevServer.Options(
                "127.0.0.1", 7233, 8233, 7243, null, null, false, List.of(), List.of(), LOG));
    assertThat(BASE.withUiCodecEndpoint("http://127.0.0.1:9/codec"))
        .isEqualTo(
            new DevServer.Options(
                "127.0.0.1",
                7233,
                8233,
                0,
                null,
                "http://127.0.0.1:9/codec",
                false,
                List.of(),
                List.of(),
                LOG));
    assertThat(BASE.withoutUi())
        .isEqualTo(
            new DevServer.Options(
                "127.0.0.1", 7233, 8233, 0, null, null, true, List.of(), List.of(), LOG));
    assertThat(BASE.withNamespaces(List.of("callers")))
        .isEqualTo(
            new DevServer.Options(
                "127.0.0.1", 7233, 8233, 0, null, null, false, List.of("callers"), List.of(), LOG));
    assertThat(BASE.withDynamicConfig(List.of("k=1")))
        .isEqualTo(
            new DevServer.Options(
                "127.0.0.1", 7233, 8233, 0, null, null, false, List.of(), List.of("k=1"), LOG));
  }

  @Test
  void settingsAddUpAndTheListsAreCopied() {
    List<String> namespaces = new ArrayList<>(List.of("callers"));
    DevServer.Options options =
        BASE.withDbFile(Path.of("runs.db")).withoutUi().withNamespaces(namespaces).withHttpPort(9);
    namespaces.add("later");

    assertThat(options)
        .isEqualTo(
            new DevServer.Options(
                "127.0.0.1",
                7233,
                8233,
                9,
                Path.of("runs.db"),
                null,
                true,
                List.of("callers"),
                List.of(),
                LOG));
  }

  @Test
  void theCommandLineCarriesEverySetting() {
    DevServer.Options options =
        BASE.withDbFile(Path.of("runs.db"))
            .withHttpPort(7243)
            .withUiCodecEndpoint("http://127.0.0.1:9/codec")
            .withNamespaces(List.of("callers", "targets"))
            .withDynamicConfig(List.of("limit.a=1"));

    assertThat(DevServer.command(CLI, options))
        .containsSubsequence(
            CLI.toString(), "server", "start-dev", "--ip", "127.0.0.1", "--port", "7233")
        .containsSubsequence("--ui-port", "8233")
        .containsSubsequence("--http-port", "7243")
        .containsSubsequence("--db-filename", "runs.db")
        .containsSubsequence("--ui-codec-endpoint", "http://127.0.0.1:9/codec")
        .containsSubsequence("--search-attribute", "OffboardingState=Keyword")
        .containsSubsequence("--namespace", "callers", "--namespace", "targets")
        .containsSubsequence("--dynamic-config-value", "limit.a=1")
        .doesNotContain("--headless");
  }

  @Test
  void lowLatencyAddsTheTaskReaderRateAndEagerActivitiesToTheOtherKnobsOnce() {
    DevServer.Options options =
        BASE.withDynamicConfig(List.of("limit.a=1")).withLowLatency().withLowLatency();

    assertThat(options.dynamicConfig())
        .containsExactly(
            "limit.a=1",
            "history.transferProcessorMaxPollRPS=200",
            "system.enableActivityEagerExecution=true");
    assertThat(DevServer.command(CLI, options))
        .containsSubsequence(
            "--dynamic-config-value", "history.transferProcessorMaxPollRPS=200",
            "--dynamic-config-value", "system.enableActivityEagerExecution=true");
  }

  @Test
  void theDefaultsLeaveOutWhatIsNotSetAndHeadlessDropsTheUiPort() {
    List<String> command = DevServer.command(CLI, BASE.withoutUi());

    assertThat(command)
        .contains("--headless")
        .doesNotContain(
            "--ui-port",
            "--http-port",
            "--db-filename",
            "--ui-codec-endpoint",
            "--namespace",
            "--dynamic-config-value");
  }
}
