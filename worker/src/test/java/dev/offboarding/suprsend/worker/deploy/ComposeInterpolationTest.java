package dev.offboarding.suprsend.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeInterpolationTest {

  private static final Map<String, String> VARS = Map.of("SET", "value", "EMPTY", "");

  private static String resolve(String value) {
    return ComposeInterpolation.resolve(value, VARS);
  }

  @Test
  void aPlainReferenceIsTheValueOrEmptyWhenUnset() {
    assertThat(resolve("${SET}/$SET/${UNSET}/$UNSET")).isEqualTo("value/value//");
  }

  @Test
  void colonDashDefaultsWhenUnsetOrEmptyAndDashOnlyWhenUnset() {
    assertThat(resolve("${UNSET:-d} ${EMPTY:-d} ${SET:-d}")).isEqualTo("d d value");
    assertThat(resolve("${UNSET-d} ${EMPTY-d} ${SET-d}")).isEqualTo("d  value");
  }

  @Test
  void plusGivesTheAlternativeOnlyWhenSet() {
    assertThat(resolve("${SET:+alt}|${EMPTY:+alt}|${EMPTY+alt}|${UNSET+alt}"))
        .isEqualTo("alt||alt|");
  }

  @Test
  void aRequiredVariableThatIsMissingFailsWithItsMessage() {
    assertThatThrownBy(() -> resolve("${EMPTY:?set EMPTY in .env}"))
        .hasMessageContaining("EMPTY")
        .hasMessageContaining("set EMPTY in .env");
    assertThat(resolve("${EMPTY?set it}")).isEmpty();
    assertThatThrownBy(() -> resolve("${UNSET?set it}")).hasMessageContaining("UNSET");
  }

  @Test
  void aDoubledDollarIsALiteralDollarForTheShell() {
    assertThat(resolve("for i in $$(seq 1 3); do echo $$i; done"))
        .isEqualTo("for i in $(seq 1 3); do echo $i; done");
  }

  @Test
  void everyVariableOfTheComposeFileResolvesWithWhatDotEnvExampleAsksFor() {
    ComposeFile compose = ComposeFile.read();
    Map<String, String> dotEnv = Map.of("SUPRSEND_API_KEY", "k", "POSTGRES_PASSWORD", "p");
    for (String name : compose.serviceNames()) {
      assertThat(compose.service(name).environment(dotEnv)).as(name).doesNotContainValue(null);
    }
    assertThatThrownBy(() -> compose.service("worker").environment(Map.of()))
        .hasMessageContaining("SUPRSEND_API_KEY");
  }
}
