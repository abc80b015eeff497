package dev.offboarding.suprsend.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SuprSend API key travels as a Bearer header on every request, so {@code SUPRSEND_BASE_URL}
 * must be https unless it points at this machine or {@code SUPRSEND_ALLOW_INSECURE_HTTP=true} says
 * the network is trusted.
 */
class BaseUrlTransportTest {

  private static final String KEY = "ss-key-transport-0123456789";

  private static Map<String, String> env(String baseUrl, String... more) {
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_CONFIG_FILE", "/nonexistent/temporal.toml");
    env.put("SUPRSEND_API_KEY", KEY);
    env.put("SUPRSEND_BASE_URL", baseUrl);
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://sandbox:8099",
        "http://hub.suprsend.com",
        "http://10.0.0.7:8099",
        "http://128.0.0.1",
        "http://127.0.0.1.nip.io",
        "http://localhost.example.com",
        "http://[::2]:8099",
        "http://0.0.0.0:8099"
      })
  void plainHttpToAnotherHostIsRefusedSayingWhatAndWhatToDo(String baseUrl) {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> WorkerConfig.fromEnvironment(env(baseUrl)));
    assertThat(e).as(baseUrl).isNotNull();
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("SUPRSEND_BASE_URL is plain http to ")
        .contains("API key would travel in clear text", "https://")
        .contains("SUPRSEND_ALLOW_INSECURE_HTTP=true")
        .doesNotContain(KEY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://hub.suprsend.com",
        "https://10.0.0.7:8443",
        "http://localhost:8099",
        "http://LOCALHOST:8099",
        "http://127.0.0.1:8099",
        "http://127.8.9.10",
        "http://[::1]:8099",
        "http://[0:0:0:0:0:0:0:1]:8099"
      })
  void httpsOrLoopbackIsAccepted(String baseUrl) {
    assertThat(WorkerConfig.fromEnvironment(env(baseUrl)).suprSend().target()).isEqualTo(baseUrl);
  }

  @Test
  void theInsecureSwitchAllowsPlainHttpOnAPrivateNetwork() {
    assertThat(
            WorkerConfig.fromEnvironment(
                    env("http://sandbox:8099", "SUPRSEND_ALLOW_INSECURE_HTTP", "true"))
                .suprSend()
                .target())
        .isEqualTo("http://sandbox:8099");
  }

  @Test
  void theInsecureSwitchMustBeTrueOrFalse() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                WorkerConfig.fromEnvironment(
                    env("https://hub.suprsend.com", "SUPRSEND_ALLOW_INSECURE_HTTP", "yes")));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("SUPRSEND_ALLOW_INSECURE_HTTP must be true or false");
  }

  @Test
  void theWorkerExitsWith2ForAnInsecureBaseUrl() {
    assertThat(WorkerMain.run(env("http://sandbox:8099"))).isEqualTo(2);
  }
}
