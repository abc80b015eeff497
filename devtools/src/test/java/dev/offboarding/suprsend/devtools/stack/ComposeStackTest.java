package dev.offboarding.suprsend.devtools.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.cli.Cli;
import dev.offboarding.suprsend.devtools.bench.BenchReport;
import dev.offboarding.suprsend.worker.reliability.ReliabilityDoc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The stack test: docker-compose.yml's production topology from native parts ({@link NativeStack})
 * with the sandbox as SuprSend, started by devtools/stack-test.sh. Skipped when the parts are not
 * installed, unless {@code OFFBOARD_STACK=required}. Figures go to docs/reliability.md with {@code
 * -Dreliability.record=true}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  static final String API_KEY = "ss-stack-test-" + hex(12);

  private static NativeStack stack;
  private static Map<String, String> variables;
  // Read before any figure is written: the doc being written is not a change to what was tested.
  private static String commit;

  @BeforeAll
  static void up() throws IOException {
    StackParts parts = StackParts.locateOrSkip();
    commit = BenchReport.gitCommit();
    variables = sandboxProfile();
    Path dir = Files.createTempDirectory("offboard-native-stack-");
    System.out.println("native stack: logs and data in " + dir);
    stack = new NativeStack(parts, variables, dir);
    stack.up();
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.close();
    }
  }

  /** What .env holds for the sandbox profile (see .env.example). */
  static Map<String, String> sandboxProfile() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("POSTGRES_PASSWORD", hex(16));
    env.put("SUPRSEND_API_KEY", API_KEY);
    env.put("SUPRSEND_BASE_URL", "http://sandbox:8099");
    env.put("SUPRSEND_ALLOW_INSECURE_HTTP", "true");
    return env;
  }

  /** {@code base} plus what .env adds for the encryption profile. */
  static Map<String, String> encryptionProfile(Map<String, String> base) {
    String token = hex(32);
    Map<String, String> env = new LinkedHashMap<>(base);
    env.put(
        "OFFBOARDING_ENCRYPTION_KEY",
        "stack-1:"
            + java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex(32))));
    env.put("OFFBOARDING_CODEC_SERVER_TOKEN", token);
    env.put("TEMPORAL_CODEC_ENDPOINT", "http://localhost:8888/" + token);
    return env;
  }

  static Map<String, String> cliEnv() {
    return Map.of(
        "TEMPORAL_ADDRESS", NativeTemporal.ADDRESS,
        "TEMPORAL_NAMESPACE", "default",
        "TEMPORAL_CONFIG_FILE", "/nonexistent/temporal.toml");
  }

  @Test
  @Order(1)
  void theWorkerRunsWithComposesEnvironmentAndItsHealthCheckAnswersHealthy() {
    assertThat(stack.workerHealthcheck()).isZero();
    assertThat(NativeStack.status("http://127.0.0.1:" + NativeStack.WORKER_PORT + "/readyz"))
        .isEqualTo(200);
  }

  @Test
  @Order(2)
  void anOffboardingStartedByTheCliCompletes() {
    stack.sandbox().addUsers(List.of("stack-cli-1"));
    Cli.Run run = new Cli().neverPrints(API_KEY).run(cliEnv(), "start", "stack-cli-1", "--wait");
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out()).contains("DELETED");
    assertThat(stack.sandbox().exists("stack-cli-1")).isFalse();
  }

  @Test
  @Order(3)
  void anOffboardingStartedFromGoCompletes() {
    GoClient.runContractTest(
        "TestStartingByTypeNameDeletesTheUserAndReturnsTheReceipt",
        NativeTemporal.ADDRESS,
        stack.sandboxUrl(),
        stack.dir());
  }

  @Test
  @Order(4)
  void theUiServerFindsTheRunsByOffboardingState() {
    UiServerApi ui = new UiServerApi(stack.uiUrl());
    NativeStack.await(
        "the UI server to list stack-cli-1 under OffboardingState=\"COMPLETED\"",
        java.time.Duration.ofSeconds(30),
        () ->
            ui.listWorkflows("OffboardingState=\"COMPLETED\"")
                .contains("suprsend-offboarding:stack-cli-1"));
  }

  @Test
  @Order(5)
  void killingTheTemporalServerTwiceDuringABulkOf1000UsersLosesNothing() {
    Map<String, Object> figures =
        new CrashDrill(stack, cliEnv())
            .run(
                "server-crash",
                Integer.getInteger("stack.users", 1_000),
                List.of(0.25, 0.6),
                new CrashDrill.Victim(
                    "Temporal server",
                    stack.temporal()::kill,
                    () -> stack.temporal().start(java.time.Duration.ofSeconds(120)),
                    true));
    record("native-stack-server-crash", figures);
    assertThat(figures.get("receipts lost")).isEqualTo(0);
    assertThat(figures.get("users still in SuprSend")).isEqualTo(0L);
  }

  @Test
  @Order(6)
  void restartingPostgresqlDuringABulkLosesNothing() {
    Map<String, Object> figures =
        new CrashDrill(stack, cliEnv())
            .run(
                "postgres-restart",
                Integer.getInteger("stack.postgres.users", 300),
                List.of(0.4),
                new CrashDrill.Victim(
                    "PostgreSQL", stack.postgres()::kill, stack.postgres()::start, false));
    record("native-stack-postgres-restart", figures);
    assertThat(figures.get("receipts lost")).isEqualTo(0);
    assertThat(figures.get("users still in SuprSend")).isEqualTo(0L);
  }

  @Test
  @Order(7)
  void withTheEncryptionProfileTheCodecServerDecodesWhatTheUiServerShows() {
    Map<String, String> encrypted = encryptionProfile(variables);
    String token = encrypted.get("OFFBOARDING_CODEC_SERVER_TOKEN");
    stack.reconfigure(encrypted);

    stack.sandbox().addUsers(List.of("stack-encrypted-1"));
    Map<String, String> env = new LinkedHashMap<>(cliEnv());
    env.put("OFFBOARDING_ENCRYPTION_KEY", encrypted.get("OFFBOARDING_ENCRYPTION_KEY"));
    Cli.Run run = new Cli().run(env, "start", "stack-encrypted-1", "--wait");
    assertThat(run.exit()).as(run.all()).isZero();

    UiServerApi ui = new UiServerApi(stack.uiUrl());
    assertThat(ui.codecEndpoint()).isEqualTo(encrypted.get("TEMPORAL_CODEC_ENDPOINT"));
    String payload = ui.firstInputPayload("suprsend-offboarding:stack-encrypted-1");
    assertThat(UiServerApi.decodedData(payload)).doesNotContain("stack-encrypted-1");
    String decoded =
        ui.decodeThroughCodecServer(
            "http://127.0.0.1:" + NativeStack.CODEC_PORT + "/" + token,
            payload,
            "http://localhost:8080");
    assertThat(decoded).contains("stack-encrypted-1");
  }

  private static void record(String section, Map<String, Object> figures) {
    StringBuilder table = new StringBuilder("| figure | value |\n|---|---|\n");
    figures.forEach((k, v) -> table.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    table
        .append("| stack | PostgreSQL ")
        .append(stack.postgres().version())
        .append(
            " (Debian), Temporal server and UI server of docker-compose.yml, built from the Go"
                + " module proxy; worker jar with the compose environment |\n");
    table
        .append("| git commit, load average (1 min) at the end | ")
        .append(commit)
        .append(String.format(java.util.Locale.ROOT, ", %.1f on ", BenchReport.loadAverage()))
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores |\n");
    System.out.println("\n=== " + section + " ===\n" + table);
    ReliabilityDoc.writeReport(section + ".md", table.toString());
    if (Boolean.getBoolean("reliability.record")) {
      ReliabilityDoc.writeSection(section, table.toString());
    }
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
