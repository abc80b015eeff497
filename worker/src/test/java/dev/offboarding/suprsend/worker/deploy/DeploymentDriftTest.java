package dev.offboarding.suprsend.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingSearchAttributes;
import dev.offboarding.suprsend.worker.TemporalConnection;
import dev.offboarding.suprsend.worker.WorkerConfig;
import dev.offboarding.suprsend.worker.ops.HealthProbe;
import dev.offboarding.suprsend.worker.ops.OpsServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, the Dockerfile and .env.example checked against the code they deploy: the
 * variables the worker reads, its ports, task queue, search attributes and health path; and the
 * static rules of the stack (pinned images, health checks, no literal secret, non-root image).
 * Docker is not needed: the files are read as YAML and text.
 */
class DeploymentDriftTest {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?}");
  private static final Pattern SECRET_NAME = Pattern.compile(".*(KEY|SECRET|PASSWORD|PWD|TOKEN).*");

  private static JsonNode compose;
  private static JsonNode services;
  private static String dockerfile;

  @BeforeAll
  static void read() throws IOException {
    compose =
        new ObjectMapper(new YAMLFactory()).readTree(RepositoryFiles.read("docker-compose.yml"));
    services = compose.path("services");
    dockerfile = RepositoryFiles.read("Dockerfile");
  }

  private static JsonNode service(String name) {
    JsonNode service = services.path(name);
    assertThat(service.isObject()).as("service '%s' in docker-compose.yml", name).isTrue();
    return service;
  }

  /** A service's environment as a map, from either compose form (map or KEY=VALUE list). */
  private static Map<String, String> environment(JsonNode service) {
    return new ComposeFile.Service("", service).environment();
  }

  /** What a value is when the variable it references is unset: its :- default, else itself. */
  private static String defaultOf(String value) {
    Matcher m = REFERENCE.matcher(value);
    if (m.matches()) {
      return m.group(2) != null && m.group(2).endsWith("-") ? m.group(3) : null;
    }
    return value;
  }

  private static List<String> publishedPorts(JsonNode service) {
    List<String> ports = new ArrayList<>();
    service.path("ports").forEach(p -> ports.add(p.asText()));
    return ports;
  }

  private static Stream<String> knownVariableNames() {
    return Stream.concat(WorkerConfig.VARIABLES.stream(), TemporalConnection.VARIABLES.stream())
        .map(WorkerConfig.Variable::name);
  }

  private static boolean isKnownVariable(String name) {
    return knownVariableNames()
        .anyMatch(
            known ->
                known.endsWith("*")
                    ? name.startsWith(known.substring(0, known.length() - 1))
                    : known.equals(name));
  }

  @Test
  void theStackHasPostgresTemporalItsUiTheAdminToolsAndTheWorker() {
    assertThat(service("postgresql").path("image").asText()).startsWith("postgres:");
    assertThat(service("temporal").path("image").asText()).startsWith("temporalio/auto-setup:");
    assertThat(service("temporal-ui").path("image").asText()).startsWith("temporalio/ui:");
    assertThat(service("temporal-admin-tools").path("image").asText())
        .startsWith("temporalio/admin-tools:");
    assertThat(service("worker").path("build").asText()).isEqualTo(".");
    assertThat(service("sandbox").path("profiles").toString()).contains("\"sandbox\"");
    // PostgreSQL keeps its data in a named volume.
    assertThat(compose.path("volumes").has("temporal-postgres")).isTrue();
    assertThat(service("postgresql").path("volumes").toString())
        .contains("temporal-postgres:/var/lib/postgresql/data");
  }

  @Test
  void everyImageIsPinnedToAVersion() {
    List<String> images = new ArrayList<>();
    services.forEach(s -> images.add(s.path("image").asText()));
    Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(dockerfile);
    while (from.find()) {
      images.add(from.group(1));
    }
    assertThat(images).hasSizeGreaterThanOrEqualTo(8);
    assertThat(images)
        .allSatisfy(
            image -> {
              assertThat(image).as("image").doesNotContain("${").contains(":");
              String tag = image.substring(image.lastIndexOf(':') + 1);
              assertThat(tag)
                  .as("tag of %s", image)
                  .isNotEqualTo("latest")
                  .matches(image.startsWith("suprsend-offboarding") ? "local" : "\\d+(\\.\\d+)+.*");
            });
    // The worker's own image is built here, not pulled.
    services.forEach(
        s -> {
          if (s.path("image").asText().startsWith("suprsend-offboarding")) {
            JsonNode build = s.path("build");
            assertThat(build.isTextual() ? build.asText() : build.path("context").asText())
                .isEqualTo(".");
          }
        });
  }

  @Test
  void theDeployGuideNamesTheTemporalServerVersionTheStackRuns() {
    String image = service("temporal").path("image").asText();
    String version = image.substring(image.indexOf(':') + 1);
    assertThat(RepositoryFiles.read("docs/deploy.md")).contains("Temporal server " + version);
    assertThat(service("temporal-admin-tools").path("image").asText()).contains(":" + version);
  }

  @Test
  void servicesWaitForHealthyDependenciesAndHaveHealthChecks() {
    for (String name : List.of("postgresql", "temporal", "worker", "sandbox")) {
      assertThat(service(name).path("healthcheck").path("test").isArray())
          .as("health check of %s", name)
          .isTrue();
    }
    services
        .properties()
        .forEach(
            entry -> {
              JsonNode dependsOn = entry.getValue().path("depends_on");
              if (!dependsOn.isMissingNode()) {
                assertThat(dependsOn.isObject())
                    .as("%s: depends_on with conditions, not a bare list", entry.getKey())
                    .isTrue();
                dependsOn
                    .properties()
                    .forEach(
                        d ->
                            assertThat(d.getValue().path("condition").asText())
                                .as("%s waits for %s", entry.getKey(), d.getKey())
                                .isIn("service_healthy", "service_completed_successfully"));
              }
            });
    assertThat(service("worker").path("depends_on").path("temporal").path("condition").asText())
        .isEqualTo("service_healthy");
    assertThat(
            service("worker")
                .path("depends_on")
                .path("temporal-admin-tools")
                .path("condition")
                .asText())
        .isEqualTo("service_completed_successfully");
  }

  @Test
  void theWorkerReadsOnlyVariablesTheCodeKnowsAndGetsEveryRequiredOne() {
    Map<String, String> env = environment(service("worker"));
    assertThat(env.keySet())
        .allSatisfy(
            name ->
                assertThat(isKnownVariable(name))
                    .as(
                        "%s is read by the worker (WorkerConfig/TemporalConnection.VARIABLES)",
                        name)
                    .isTrue());
    WorkerConfig.VARIABLES.stream()
        .filter(v -> v.defaultValue().equals("(required)"))
        .forEach(v -> assertThat(env).as("required %s", v.name()).containsKey(v.name()));
    assertThat(environment(service("sandbox")).keySet())
        .allSatisfy(name -> assertThat(isKnownVariable(name)).as(name).isTrue());
  }

  @Test
  void portsTaskQueueAndAddressesMatchTheCode() {
    Map<String, String> worker = environment(service("worker"));
    String metricsPort = String.valueOf(WorkerConfig.DEFAULT_METRICS_PORT);
    assertThat(worker.get("OFFBOARDING_METRICS_PORT")).isEqualTo(metricsPort);
    assertThat(publishedPorts(service("worker")))
        .contains("127.0.0.1:" + metricsPort + ":" + metricsPort);
    assertThat(dockerfile).containsPattern("(?m)^EXPOSE " + metricsPort + "$");
    assertThat(dockerfile).contains("ENV OFFBOARDING_METRICS_PORT=" + metricsPort);

    assertThat(publishedPorts(service("temporal-ui"))).contains("127.0.0.1:8080:8080");
    assertThat(publishedPorts(service("temporal"))).contains("127.0.0.1:7233:7233");
    assertThat(worker.get("TEMPORAL_ADDRESS")).isEqualTo("temporal:7233");
    assertThat(environment(service("temporal-ui")).get("TEMPORAL_ADDRESS"))
        .isEqualTo("temporal:7233");
    assertThat(environment(service("temporal-admin-tools")).get("TEMPORAL_ADDRESS"))
        .isEqualTo("temporal:7233");
    assertThat(worker.get("TEMPORAL_NAMESPACE"))
        .isEqualTo(environment(service("temporal")).get("DEFAULT_NAMESPACE"));

    assertThat(defaultOf(worker.get("OFFBOARDING_TASK_QUEUE")))
        .isEqualTo(OffboardingIds.DEFAULT_TASK_QUEUE);
    assertThat(defaultOf(worker.get("SUPRSEND_BASE_URL")))
        .isEqualTo(
            WorkerConfig.VARIABLES.stream()
                .filter(v -> v.name().equals("SUPRSEND_BASE_URL"))
                .findFirst()
                .orElseThrow()
                .defaultValue());
    // The sandbox profile: the port the .env example points the worker at.
    assertThat(service("sandbox").path("command").toString()).contains("\"8099\"");
    assertThat(RepositoryFiles.read(".env.example"))
        .contains("SUPRSEND_BASE_URL=http://sandbox:8099");
  }

  @Test
  void everyPublishedPortIsOnTheHostsLoopbackOnly() {
    List<String> published = new ArrayList<>();
    services
        .properties()
        .forEach(
            service ->
                service
                    .getValue()
                    .path("ports")
                    .forEach(
                        port -> {
                          String where = service.getKey() + " publishes " + port;
                          published.add(where);
                          if (port.isObject()) {
                            assertThat(port.path("host_ip").asText())
                                .as(where)
                                .isEqualTo("127.0.0.1");
                          } else {
                            assertThat(port.asText())
                                .as(where + ": 127.0.0.1:HOST:CONTAINER")
                                .matches("127\\.0\\.0\\.1:\\d+:\\d+(/tcp|/udp)?");
                          }
                        }));
    assertThat(published).as("ports checked").hasSizeGreaterThanOrEqualTo(5);
    services.forEach(
        service ->
            assertThat(service.path("network_mode").asText())
                .as("host networking would bypass the port mappings")
                .isNotEqualTo("host"));
    // Inside its own network namespace the worker listens on every interface, so the mapping
    // above reaches it; the code's default stays loopback.
    assertThat(environment(service("worker")).get(WorkerConfig.METRICS_BIND)).isEqualTo("0.0.0.0");
    assertThat(WorkerConfig.DEFAULT_METRICS_BIND).isEqualTo("127.0.0.1");
    assertThat(dockerfile).doesNotContain(WorkerConfig.METRICS_BIND);
  }

  @Test
  void theAdminToolsRegisterEverySearchAttributeTheWorkflowUses() {
    String command = service("temporal-admin-tools").path("command").toString();
    OffboardingSearchAttributes.REQUIRED.forEach(
        (name, type) -> {
          assertThat(type.name()).isEqualTo("INDEXED_VALUE_TYPE_KEYWORD");
          assertThat(command).contains("--name " + name + " --type Keyword");
        });
  }

  @Test
  void healthChecksProbeTheWorkersReadinessPath() {
    String probe = HealthProbe.class.getName();
    String compose = service("worker").path("healthcheck").path("test").toString();
    assertThat(compose).contains(probe).contains("\"" + OpsServer.READY_PATH + "\"");
    String healthcheck =
        dockerfile
            .replace("\\\n", " ")
            .lines()
            .filter(line -> line.startsWith("HEALTHCHECK"))
            .findFirst()
            .orElseThrow();
    assertThat(healthcheck).contains(probe).contains("\"" + OpsServer.READY_PATH + "\"");
    // The probe runs from the jar the image copies, which is the jar the worker module builds.
    assertThat(compose).contains("/app/offboarding-worker.jar");
    assertThat(dockerfile)
        .contains("COPY --from=build /offboarding-worker.jar /app/offboarding-worker.jar");
    assertThat(dockerfile)
        .contains("cp worker/target/offboarding-worker.jar /offboarding-worker.jar");
    assertThat(RepositoryFiles.read("worker/pom.xml"))
        .contains("<shade.finalName>offboarding-worker</shade.finalName>");
  }

  @Test
  void theImageRunsTheWorkerJarAndOnlyTheSandboxProfileUsesTheDevelopmentImage() {
    String lastStage = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
    assertThat(lastStage)
        .contains("AS worker")
        .contains("\"-jar\", \"/app/offboarding-worker.jar\"")
        .doesNotContain("offboard.jar");
    services
        .properties()
        .forEach(
            service -> {
              String target = service.getValue().path("build").path("target").asText("");
              if (service.getKey().equals("sandbox")) {
                assertThat(target)
                    .as("the sandbox is built from the devtools stage")
                    .isEqualTo("devtools");
              } else {
                assertThat(target)
                    .as("%s must not use the development image", service.getKey())
                    .isNotEqualTo("devtools");
              }
            });
  }

  @Test
  void noSecretIsWrittenDown() {
    List<String> secretVariables =
        Stream.concat(WorkerConfig.VARIABLES.stream(), TemporalConnection.VARIABLES.stream())
            .filter(WorkerConfig.Variable::secret)
            .map(WorkerConfig.Variable::name)
            .toList();
    services
        .properties()
        .forEach(
            service ->
                environment(service.getValue())
                    .forEach(
                        (name, value) -> {
                          if (SECRET_NAME.matcher(name).matches()
                              || secretVariables.contains(name)) {
                            Matcher reference = REFERENCE.matcher(value);
                            assertThat(reference.matches())
                                .as(
                                    "%s.%s must come from the environment (${...})",
                                    service.getKey(), name)
                                .isTrue();
                            assertThat(reference.group(2))
                                .as("%s.%s: no default value for a secret", service.getKey(), name)
                                .isIn(null, ":?", "?");
                          }
                        }));
    // The example file documents the secrets without values; the real .env is git-ignored.
    String example = RepositoryFiles.read(".env.example");
    assertThat(example).containsPattern("(?m)^SUPRSEND_API_KEY=$");
    assertThat(example).containsPattern("(?m)^POSTGRES_PASSWORD=$");
    assertThat(RepositoryFiles.read(".gitignore")).containsPattern("(?m)^\\.env$");
    assertThat(RepositoryFiles.read(".dockerignore")).containsPattern("(?m)^\\.env$");
  }

  @Test
  void theImageIsMultiStageRunsAsNonRootAndSizesTheHeapToTheContainer() {
    List<String> stages = new ArrayList<>();
    Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(dockerfile);
    while (from.find()) {
      stages.add(from.group(1));
    }
    assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
    assertThat(stages.get(0)).startsWith("maven:");
    assertThat(stages.get(stages.size() - 1)).startsWith("eclipse-temurin:").contains("-jre");
    String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
    Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(runtime);
    assertThat(user.find()).as("the runtime stage sets USER").isTrue();
    String name = user.group(1).split(":")[0];
    assertThat(name).isNotIn("root", "0");
    assertThat(runtime).contains("HEALTHCHECK").contains("-XX:MaxRAMPercentage=");
    assertThat(runtime).containsPattern("(?m)^ENTRYPOINT \\[\"java\"");
  }
}
