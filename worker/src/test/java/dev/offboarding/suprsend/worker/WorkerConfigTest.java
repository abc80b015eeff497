package dev.offboarding.suprsend.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.offboarding.suprsend.worker.logging.LogFormat;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerConfigTest {

  static final String KEY = "ss-key-0123456789abcdef";

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    // Keep the developer's own ~/.config/temporalio/temporal.toml out of these tests.
    env.put("TEMPORAL_CONFIG_FILE", "/nonexistent/temporal.toml");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void defaultsNeedOnlyTheApiKey() {
    WorkerConfig config = WorkerConfig.fromEnvironment(env("SUPRSEND_API_KEY", KEY));
    assertThat(config.suprSend().baseUrl()).isEqualTo(URI.create("https://hub.suprsend.com"));
    assertThat(config.suprSend().apiKey()).isEqualTo(KEY);
    assertThat(config.taskQueue()).isEqualTo("suprsend-offboarding");
    assertThat(config.deleteRetry().initialInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.deleteRetry().backoffCoefficient()).isEqualTo(2.0);
    assertThat(config.deleteRetry().maximumInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.deleteRetry().retryWindow()).isEqualTo(Duration.ofDays(7));
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void everyFigureIsConfigurable() {
    WorkerConfig config =
        WorkerConfig.fromEnvironment(
            env(
                "SUPRSEND_API_KEY", KEY,
                "SUPRSEND_BASE_URL", "http://127.0.0.1:8099",
                "OFFBOARDING_TASK_QUEUE", "tenant-a",
                "OFFBOARDING_RETRY_INITIAL_INTERVAL", "500ms",
                "OFFBOARDING_RETRY_BACKOFF", "1.5",
                "OFFBOARDING_RETRY_MAX_INTERVAL", "PT2M",
                "OFFBOARDING_RETRY_WINDOW", "3d",
                "OFFBOARDING_ATTEMPT_TIMEOUT", "90s",
                "SUPRSEND_READ_TIMEOUT", "20s",
                "OFFBOARDING_SHUTDOWN_TIMEOUT", "1m"));
    assertThat(config.suprSend().target()).isEqualTo("http://127.0.0.1:8099");
    assertThat(config.taskQueue()).isEqualTo("tenant-a");
    assertThat(config.deleteRetry().initialInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.deleteRetry().backoffCoefficient()).isEqualTo(1.5);
    assertThat(config.deleteRetry().maximumInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.deleteRetry().retryWindow()).isEqualTo(Duration.ofDays(3));
    assertThat(config.deleteRetry().attemptTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void listsEveryProblemAtOnceEachNamingItsVariable() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                WorkerConfig.fromEnvironment(
                    env(
                        "SUPRSEND_BASE_URL", "ftp://nowhere",
                        "OFFBOARDING_RETRY_BACKOFF", "0.5",
                        "OFFBOARDING_RETRY_WINDOW", "forever",
                        "SUPRSEND_READ_TIMEOUT", "-3s")));
    assertThat(e.problems())
        .hasSize(5)
        .anySatisfy(p -> assertThat(p).startsWith("SUPRSEND_API_KEY is not set"))
        .anySatisfy(p -> assertThat(p).startsWith("SUPRSEND_BASE_URL must be an http(s) URL"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("OFFBOARDING_RETRY_BACKOFF must be a number of at least 1"))
        .anySatisfy(
            p -> assertThat(p).startsWith("OFFBOARDING_RETRY_WINDOW must be a positive duration"))
        .anySatisfy(
            p -> assertThat(p).startsWith("SUPRSEND_READ_TIMEOUT must be a positive duration"));
    assertThat(e.getMessage()).contains("5 problems");
  }

  @Test
  void attemptTimeoutMustCoverOneHttpRequest() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                WorkerConfig.fromEnvironment(
                    env("SUPRSEND_API_KEY", KEY, "OFFBOARDING_ATTEMPT_TIMEOUT", "10s")));
    assertThat(e.problems()).singleElement().asString().contains("OFFBOARDING_ATTEMPT_TIMEOUT");
  }

  @Test
  void theKeyNeverAppearsInMessagesOrToString() {
    WorkerConfig config = WorkerConfig.fromEnvironment(env("SUPRSEND_API_KEY", KEY));
    assertThat(config.toString()).doesNotContain(KEY).contains("<redacted>");
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                WorkerConfig.fromEnvironment(
                    env("SUPRSEND_API_KEY", KEY, "SUPRSEND_BASE_URL", "not a url " + "x")));
    assertThat(e.getMessage()).doesNotContain(KEY);
  }

  @Test
  void temporalSettingsComeFromAProfileFile(@TempDir Path dir) throws IOException {
    Path toml = dir.resolve("temporal.toml");
    Files.writeString(
        toml,
        """
        [profile.cloud]
        address = "my-ns.a1b2c.tmprl.cloud:7233"
        namespace = "my-ns.a1b2c"
        api_key = "tc-secret-key"
        """);
    var profile =
        TemporalConnection.profile(
            Map.of("TEMPORAL_CONFIG_FILE", toml.toString(), "TEMPORAL_PROFILE", "cloud"));
    assertThat(profile.getAddress()).isEqualTo("my-ns.a1b2c.tmprl.cloud:7233");
    assertThat(profile.getNamespace()).isEqualTo("my-ns.a1b2c");
    var stubs = profile.toWorkflowServiceStubsOptions();
    assertThat(stubs.getTarget()).isEqualTo("my-ns.a1b2c.tmprl.cloud:7233");
    assertThat(stubs.getEnableHttps()).as("an API key turns TLS on").isTrue();
  }

  @Test
  void aMissingProfileIsAConfigurationProblem(@TempDir Path dir) throws IOException {
    Path toml = dir.resolve("temporal.toml");
    Files.writeString(toml, "[profile.default]\naddress = \"localhost:7233\"\n");
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                WorkerConfig.fromEnvironment(
                    Map.of(
                        "SUPRSEND_API_KEY",
                        KEY,
                        "TEMPORAL_CONFIG_FILE",
                        toml.toString(),
                        "TEMPORAL_PROFILE",
                        "prod")));
    assertThat(e.problems()).singleElement().asString().contains("TEMPORAL_PROFILE", "prod");
  }

  @Test
  void operationsSettingsHaveDefaultsAndAreValidated() {
    WorkerConfig defaults = WorkerConfig.fromEnvironment(env("SUPRSEND_API_KEY", KEY));
    assertThat(defaults.metricsPort()).isEqualTo(9464);
    assertThat(defaults.logFormat()).isEqualTo(LogFormat.TEXT);

    WorkerConfig custom =
        WorkerConfig.fromEnvironment(
            env(
                "SUPRSEND_API_KEY", KEY,
                "OFFBOARDING_METRICS_PORT", "9100",
                "OFFBOARDING_LOG_FORMAT", "JSON",
                "OFFBOARDING_LOG_LEVEL", "debug"));
    assertThat(custom.metricsPort()).isEqualTo(9100);
    assertThat(custom.logFormat()).isEqualTo(LogFormat.JSON);

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                WorkerConfig.fromEnvironment(
                    env(
                        "SUPRSEND_API_KEY", KEY,
                        "OFFBOARDING_METRICS_PORT", "70000",
                        "OFFBOARDING_LOG_FORMAT", "xml",
                        "OFFBOARDING_LOG_LEVEL", "loud")));
    assertThat(e.problems())
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("OFFBOARDING_METRICS_PORT must be a port"))
        .anySatisfy(p -> assertThat(p).startsWith("OFFBOARDING_LOG_FORMAT must be text or json"))
        .anySatisfy(p -> assertThat(p).startsWith("OFFBOARDING_LOG_LEVEL must be one of"));
    ConfigException notANumber =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                WorkerConfig.fromEnvironment(
                    env("SUPRSEND_API_KEY", KEY, "OFFBOARDING_METRICS_PORT", "metrics")));
    assertThat(notANumber.problems())
        .singleElement()
        .asString()
        .startsWith("OFFBOARDING_METRICS_PORT must be a whole number");
  }

  @Test
  void theOperationsEndpointListensOnLoopbackUnlessAnAddressIsGiven() {
    WorkerConfig defaults = WorkerConfig.fromEnvironment(env("SUPRSEND_API_KEY", KEY));
    assertThat(defaults.metricsBind().isLoopbackAddress()).isTrue();
    assertThat(defaults.metricsBind().getHostAddress()).isEqualTo("127.0.0.1");

    WorkerConfig container =
        WorkerConfig.fromEnvironment(
            env("SUPRSEND_API_KEY", KEY, "OFFBOARDING_METRICS_BIND", "0.0.0.0"));
    assertThat(container.metricsBind().isAnyLocalAddress()).isTrue();
    WorkerConfig ipv6 =
        WorkerConfig.fromEnvironment(
            env("SUPRSEND_API_KEY", KEY, "OFFBOARDING_METRICS_BIND", "::1"));
    assertThat(ipv6.metricsBind().isLoopbackAddress()).isTrue();

    for (String bad : new String[] {"example.com", "300.1.1.1", "1234", "0.0.0.0:9464"}) {
      ConfigException e =
          catchThrowableOfType(
              ConfigException.class,
              () ->
                  WorkerConfig.fromEnvironment(
                      env("SUPRSEND_API_KEY", KEY, "OFFBOARDING_METRICS_BIND", bad)));
      assertThat(e.problems())
          .as(bad)
          .singleElement()
          .asString()
          .startsWith("OFFBOARDING_METRICS_BIND must be an IP address")
          .contains("'" + bad + "'");
    }
  }

  @Test
  void everyVariableIsDocumentedOnceAndSecretsAreMarked() {
    var names = WorkerConfig.VARIABLES.stream().map(WorkerConfig.Variable::name).toList();
    assertThat(names).doesNotHaveDuplicates();
    assertThat(WorkerConfig.VARIABLES)
        .filteredOn(WorkerConfig.Variable::secret)
        .extracting(WorkerConfig.Variable::name)
        .contains("SUPRSEND_API_KEY");
    assertThat(TemporalConnection.VARIABLES)
        .filteredOn(WorkerConfig.Variable::secret)
        .extracting(WorkerConfig.Variable::name)
        .contains("TEMPORAL_API_KEY", "TEMPORAL_TLS_CLIENT_KEY_DATA");
  }

  @Test
  void numbersTooLargeForTheirTypeAreConfigurationProblemsNotStackTraces() {
    Map<String, String> tooLarge =
        env(
            "SUPRSEND_API_KEY",
            KEY,
            "OFFBOARDING_MAX_CONCURRENT_ACTIVITIES",
            "99999999999",
            "OFFBOARDING_RETRY_WINDOW",
            "99999999999999999999s",
            "OFFBOARDING_SHUTDOWN_TIMEOUT",
            "999999999999999d",
            "SUPRSEND_READ_TIMEOUT",
            "PT2562047788015215H",
            "OFFBOARDING_RETRY_BACKOFF",
            "1e999");

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> WorkerConfig.fromEnvironment(tooLarge));

    assertThat(e.problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "OFFBOARDING_MAX_CONCURRENT_ACTIVITIES must be a whole number of at most"
                            + " 2147483647, was 99999999999"))
        .anySatisfy(
            p -> assertThat(p).startsWith("OFFBOARDING_RETRY_WINDOW must be a positive duration"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("OFFBOARDING_SHUTDOWN_TIMEOUT must be a positive duration"))
        .anySatisfy(
            p -> assertThat(p).startsWith("SUPRSEND_READ_TIMEOUT must be a positive duration"))
        .anySatisfy(
            p -> assertThat(p).startsWith("OFFBOARDING_RETRY_BACKOFF must be a finite number"));
    assertThat(WorkerMain.run(tooLarge)).as("the worker's exit code").isEqualTo(2);
  }

  @Test
  void durationsAcceptShortAndIsoForms() {
    assertThat(Env.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Env.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Env.parseDuration("pt10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Env.parseDuration("10 minutes")).isNull();
  }

  @Test
  void notificationsAreOptionalAndReadTogether() {
    WorkerConfig quiet = WorkerConfig.fromEnvironment(env("SUPRSEND_API_KEY", KEY));
    assertThat(quiet.notifications().webhookUrl()).isNull();
    assertThat(quiet.notifications().suprSendWorkflow()).isNull();
    assertThat(quiet.notifyRetry().retryWindow()).isEqualTo(Duration.ofDays(3));

    WorkerConfig config =
        WorkerConfig.fromEnvironment(
            env(
                "SUPRSEND_API_KEY", KEY,
                "OFFBOARDING_WEBHOOK_URL", "https://hooks.example.com/offboarding",
                "OFFBOARDING_WEBHOOK_SECRET", "whsec-0123456789abcdef",
                "SUPRSEND_NOTIFY_WORKFLOW", "offboarding-alerts",
                "SUPRSEND_NOTIFY_RECIPIENTS", " ops-oncall, dpo ,ops-oncall,",
                "OFFBOARDING_NOTIFY_RETRY_WINDOW", "12h"));
    assertThat(config.notifications().webhookUrl())
        .isEqualTo(URI.create("https://hooks.example.com/offboarding"));
    assertThat(config.notifications().recipients()).containsExactly("ops-oncall", "dpo");
    assertThat(config.notifyRetry().retryWindow()).isEqualTo(Duration.ofHours(12));
    assertThat(config.toString()).doesNotContain("whsec-0123456789abcdef");
  }

  @Test
  void halfConfiguredNotificationsAreProblems() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                WorkerConfig.fromEnvironment(
                    env(
                        "SUPRSEND_API_KEY", KEY,
                        "OFFBOARDING_WEBHOOK_URL", "ftp://hooks",
                        "OFFBOARDING_WEBHOOK_SECRET", "short",
                        "SUPRSEND_NOTIFY_WORKFLOW", "offboarding-alerts")));
    assertThat(e.problems())
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("OFFBOARDING_WEBHOOK_URL must be an http(s) URL"))
        .anySatisfy(p -> assertThat(p).startsWith("OFFBOARDING_WEBHOOK_SECRET is shorter"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("SUPRSEND_NOTIFY_WORKFLOW is set but SUPRSEND_NOTIFY_RECIPIENTS"));
    assertThat(e.getMessage()).doesNotContain("short\"").doesNotContain("'short'");

    ConfigException recipients =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                WorkerConfig.fromEnvironment(
                    env("SUPRSEND_API_KEY", KEY, "SUPRSEND_NOTIFY_RECIPIENTS", "ops,bad\u0007id")));
    assertThat(recipients.problems())
        .anySatisfy(p -> assertThat(p).contains("control character"))
        .anySatisfy(p -> assertThat(p).contains("SUPRSEND_NOTIFY_WORKFLOW is not"));
  }
}
