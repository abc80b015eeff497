package dev.offboarding.suprsend.devtools.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.worker.deploy.ComposeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, the native stack test and docs/deploy.md say the same thing: versions, ports
 * and variables. Needs no stack: the files are read.
 */
class NativeStackDriftTest {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?[^}]*}");

  private final ComposeFile compose = ComposeFile.read();
  private final String guide = section(read("docs/deploy.md"));
  private final String script = read("devtools/stack-test.sh");

  @Test
  void theGuideNamesTheVersionsTheComposeFilePinsAndTheScriptBuildsThem() {
    String server = compose.service("temporal").imageTag();
    String ui = compose.service("temporal-ui").imageTag();
    assertThat(guide)
        .contains("temporalio/auto-setup:" + server)
        .contains("**" + server + "**")
        .contains("temporalio/ui:" + ui)
        .contains("**" + ui + "**")
        .contains(compose.service("postgresql").node().path("image").asText());
    assertThat(compose.service("temporal-admin-tools").imageTag()).startsWith(server + "-");
    assertThat(script)
        .contains("image_tag temporalio/auto-setup")
        .contains("image_tag temporalio/ui");
    assertThat(Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+").matcher(script).find())
        .as("devtools/stack-test.sh takes every version from docker-compose.yml")
        .isFalse();
  }

  @Test
  void theStackListensOnThePortsTheComposeFilePublishes() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("temporal", Integer.parseInt(NativeTemporal.ADDRESS.split(":")[1]));
    ports.put("temporal-ui", NativeStack.UI_PORT);
    ports.put("worker", NativeStack.WORKER_PORT);
    ports.put("sandbox", NativeStack.SANDBOX_PORT);
    ports.put("codec-server", NativeStack.CODEC_PORT);
    ports.forEach(
        (service, port) -> {
          assertThat(compose.service(service).ports())
              .as("%s's published port", service)
              .containsExactly("127.0.0.1:" + port + ":" + port);
          assertThat(guide).as("the guide names %s's port", service).contains(String.valueOf(port));
        });
    assertThat(guide).contains("port " + NativePostgres.PORT);
  }

  @Test
  void theStackSetsEveryVariableTheComposeFileNeedsAndTheGuideNamesThem() {
    Map<String, String> set = ComposeStackTest.encryptionProfile(ComposeStackTest.sandboxProfile());
    Set<String> withoutDefault = new TreeSet<>();
    for (String service : compose.serviceNames()) {
      ComposeFile.Service s = compose.service(service);
      for (String value : concat(s.environment().values(), s.command())) {
        Matcher m = REFERENCE.matcher(value);
        while (m.find()) {
          String operator = m.group(2);
          if (operator == null || operator.endsWith("?")) {
            withoutDefault.add(m.group(1));
          }
        }
      }
    }
    assertThat(set.keySet()).containsAll(withoutDefault);
    String dotEnvExample = read(".env.example");
    for (String name : set.keySet()) {
      assertThat(guide).as("the guide names %s", name).contains(name);
      assertThat(dotEnvExample).as(".env.example names %s", name).contains(name);
    }
  }

  private static List<String> concat(java.util.Collection<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** The guide's section about the native stack. */
  private static String section(String deploy) {
    int from = deploy.indexOf("### The stack without Docker");
    assertThat(from).as("docs/deploy.md has a section on the stack without Docker").isNotNegative();
    int to = deploy.indexOf("\n### ", from + 1);
    return deploy.substring(from, to < 0 ? deploy.length() : to);
  }

  private static String read(String relative) {
    try {
      return Files.readString(ComposeFile.repositoryRoot().resolve(relative));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
