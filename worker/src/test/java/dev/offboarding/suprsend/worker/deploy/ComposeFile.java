package dev.offboarding.suprsend.worker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The repository's docker-compose.yml, read as YAML: its services and what they declare. */
public final class ComposeFile {

  private final JsonNode services;

  private ComposeFile(JsonNode root) {
    this.services = root.path("services");
  }

  /** docker-compose.yml at the repository root. */
  public static ComposeFile read() {
    try {
      return new ComposeFile(
          new ObjectMapper(new YAMLFactory()).readTree(RepositoryFiles.read("docker-compose.yml")));
    } catch (IOException e) {
      throw new UncheckedIOException("docker-compose.yml is not valid YAML", e);
    }
  }

  /** The repository root (where docker-compose.yml is). */
  public static Path repositoryRoot() {
    return RepositoryFiles.root();
  }

  /** Every service's name, in the file's order. */
  public Set<String> serviceNames() {
    Set<String> names = new LinkedHashSet<>();
    services.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Service {@code name}; fails when the file has no such service. */
  public Service service(String name) {
    JsonNode node = services.path(name);
    if (!node.isObject()) {
      throw new IllegalArgumentException("docker-compose.yml has no service '" + name + "'");
    }
    return new Service(name, node);
  }

  /** One service of the compose file. */
  public record Service(String name, JsonNode node) {

    /** The image's tag: {@code 1.29.1} for {@code temporalio/auto-setup:1.29.1}. */
    public String imageTag() {
      String image = node.path("image").asText();
      return image.substring(image.lastIndexOf(':') + 1);
    }

    /** The {@code environment:} block as written, from either form (map or KEY=VALUE list). */
    public Map<String, String> environment() {
      Map<String, String> env = new LinkedHashMap<>();
      JsonNode block = node.path("environment");
      if (block.isArray()) {
        block.forEach(
            entry -> {
              String[] pair = entry.asText().split("=", 2);
              env.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
      } else {
        block.properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
      }
      return env;
    }

    /** The {@code environment:} block with its variables resolved as compose resolves them. */
    public Map<String, String> environment(Map<String, String> variables) {
      Map<String, String> env = new LinkedHashMap<>();
      environment().forEach((k, v) -> env.put(k, ComposeInterpolation.resolve(v, variables)));
      return env;
    }

    /** {@code command:} as a list (a string is one element). */
    public List<String> command() {
      return strings(node.path("command"));
    }

    /** {@code entrypoint:} as a list. */
    public List<String> entrypoint() {
      return strings(node.path("entrypoint"));
    }

    /** The health check's {@code test:} (first element CMD or CMD-SHELL). */
    public List<String> healthcheck() {
      return strings(node.path("healthcheck").path("test"));
    }

    /** {@code ports:} as written (HOST_IP:HOST:CONTAINER). */
    public List<String> ports() {
      return strings(node.path("ports"));
    }

    private static List<String> strings(JsonNode node) {
      List<String> out = new ArrayList<>();
      if (node.isArray()) {
        node.forEach(n -> out.add(n.asText()));
      } else if (!node.isMissingNode() && !node.isNull()) {
        out.add(node.asText());
      }
      return out;
    }
  }
}
