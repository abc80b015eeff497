package dev.offboarding.suprsend.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed JSON Schemas (clients/schema) are the ones generated from the Java types. After a
 * contract change, regenerate them with {@code mvn -pl workflows test -Dtest=ContractSchemaTest
 * -Dcontract.schemas.write=true} and commit the result.
 */
class ContractSchemaTest {

  private static final Path DIR = Path.of("..", "clients", "schema");

  @Test
  void theCommittedSchemasAreTheOnesGeneratedFromTheJavaTypes() throws IOException {
    boolean write = Boolean.getBoolean("contract.schemas.write");
    for (ContractSchemas.Schema schema : ContractSchemas.ALL) {
      String generated = ContractSchemas.generate(schema);
      Path file = DIR.resolve(schema.file());
      if (write) {
        Files.createDirectories(DIR);
        Files.writeString(file, generated, StandardCharsets.UTF_8);
      }
      assertThat(file)
          .as(
              "%s differs from what %s generates: regenerate with mvn -pl workflows test"
                  + " -Dtest=ContractSchemaTest -Dcontract.schemas.write=true",
              file, schema.type().getSimpleName())
          .exists();
      assertThat(Files.readString(file, StandardCharsets.UTF_8))
          .as(
              "%s differs from what %s generates: regenerate with mvn -pl workflows test"
                  + " -Dtest=ContractSchemaTest -Dcontract.schemas.write=true",
              file, schema.type().getSimpleName())
          .isEqualTo(generated);
    }
  }

  @Test
  void theInputSchemaRequiresOnlyANonBlankDistinctIdAndLeavesOutWhatTheWorkflowSetsItself() {
    String request = ContractSchemas.generate(ContractSchemas.ALL.get(0));

    assertThat(request)
        .contains("\"required\" : [ \"distinctId\" ]")
        .contains("\"pattern\" : \"\\\\S\"")
        .contains("\"maxLength\" : 512")
        .doesNotContain("continued");
  }
}
