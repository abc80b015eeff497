package dev.offboarding.suprsend.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.worker.TemporalConnection;
import dev.offboarding.suprsend.worker.WorkerConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference (docs/configuration.md) lists exactly the variables the code reads,
 * with their defaults.
 */
class ConfigurationReferenceTest {

  private static final String REFERENCE = "docs/configuration.md";

  /** {@code name -> default} from the rows {@code | `NAME` | default | meaning |} of a section. */
  private static Map<String, String> table(String section) {
    String reference = RepositoryFiles.read(REFERENCE);
    int start = reference.indexOf("\n## " + section + "\n");
    assertThat(start).as("%s section '%s'", REFERENCE, section).isNotNegative();
    int end = reference.indexOf("\n## ", start + 1);
    String body = end < 0 ? reference.substring(start) : reference.substring(start, end);
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("| `")) {
        String[] cells = line.split("\\|");
        rows.put(unquote(cells[1]), unquote(cells[2]));
      }
    }
    return rows;
  }

  private static String unquote(String cell) {
    String text = cell.trim();
    return text.startsWith("`") && text.endsWith("`") ? text.substring(1, text.length() - 1) : text;
  }

  @Test
  void theConfigurationReferenceMatchesTheCode() {
    Map<String, String> documented = table("Variables");
    Map<String, String> inCode =
        Stream.concat(WorkerConfig.VARIABLES.stream(), TemporalConnection.VARIABLES.stream())
            .collect(
                Collectors.toMap(
                    WorkerConfig.Variable::name,
                    WorkerConfig.Variable::defaultValue,
                    (a, b) -> a,
                    LinkedHashMap::new));
    assertThat(documented).containsExactlyInAnyOrderEntriesOf(inCode);
  }

  @Test
  void theSecretVariablesAreSaidToBeSecrets() {
    String reference = RepositoryFiles.read(REFERENCE);
    List<String> secrets =
        Stream.concat(WorkerConfig.VARIABLES.stream(), TemporalConnection.VARIABLES.stream())
            .filter(WorkerConfig.Variable::secret)
            .map(WorkerConfig.Variable::name)
            .toList();
    for (String name : secrets) {
      String row =
          reference.lines().filter(l -> l.startsWith("| `" + name + "`")).findFirst().orElseThrow();
      assertThat(row).as(name).contains("secret");
    }
  }
}
