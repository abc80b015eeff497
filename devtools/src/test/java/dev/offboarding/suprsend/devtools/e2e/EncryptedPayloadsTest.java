package dev.offboarding.suprsend.devtools.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.cli.Cli;
import dev.offboarding.suprsend.cli.EndToEndRig;
import dev.offboarding.suprsend.contract.IdScheme;
import dev.offboarding.suprsend.devtools.Offboard;
import dev.offboarding.suprsend.devtools.realserver.DevServer;
import dev.offboarding.suprsend.devtools.realserver.RealTemporal;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.worker.encryption.CodecServer;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Encrypted payloads on the real server: with {@code OFFBOARDING_ENCRYPTION_KEY} (and the {@code
 * sha256} id scheme) Temporal stores only ciphertext, and the real {@code temporal} CLI shows the
 * history decoded through the project's codec server, exactly as an operator would read it.
 */
class EncryptedPayloadsTest {

  private static final String ID = "enc-user@example.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void temporalStoresCiphertextAndTheCodecServerDecodesItForTheTemporalCli() throws Exception {
    Encryption encryption = Encryption.random(List.of());
    try (CodecServer codec = encryption.startCodecServer();
        DevServer server = RealTemporal.start("encrypted", RealTemporal.headless("encrypted"));
        EndToEndRig rig =
            EndToEndRig.onTemporal(
                server.address(),
                "encrypted",
                SandboxOptions.defaults(),
                Map.of(
                    "OFFBOARDING_ENCRYPTION_KEY",
                    encryption.key(),
                    "OFFBOARDING_ID_SCHEME",
                    "sha256"))) {
      rig.sandbox().addUser(ID);
      Cli cli = new Cli(Offboard::execute).neverPrints(encryption.key());

      Cli.Run run = cli.run(rig.env(), "start", ID, "--wait", "--json", "--reason", "gdpr");

      assertThat(run.exit()).as(run.all()).isZero();
      JsonNode receipt = JSON.readTree(run.lines().get(0));
      assertThat(receipt.get("distinctId").asText()).isEqualTo(ID);
      assertThat(receipt.get("outcome").asText()).isEqualTo("DELETED");
      String workflowId = IdScheme.SHA256.workflowIdFor(ID);
      assertThat(receipt.get("workflowId").asText()).isEqualTo(workflowId);

      // What Temporal keeps: read without the key, every payload is ciphertext.
      WorkflowExecutionHistory stored =
          WorkflowClient.newInstance(rig.workerConnection().client().getWorkflowServiceStubs())
              .fetchHistory(workflowId);
      HistoryEvent first = stored.getEvents().get(0);
      var input = first.getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
      assertThat(input.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
      assertThat(stored.toJson(false)).doesNotContain(ID).doesNotContain("gdpr");

      // What an operator sees with the real Temporal CLI: ciphertext without the codec server...
      JsonNode raw = JSON.readTree(temporalShow(server, workflowId, List.of()));
      assertThat(raw.toString()).doesNotContain(ID);
      assertThat(encoding(input(raw))).isEqualTo("binary/encrypted");
      assertThat(encoding(result(raw))).isEqualTo("binary/encrypted");
      // ...and the input and the receipt in clear through it.
      JsonNode decoded =
          JSON.readTree(
              temporalShow(
                  server,
                  workflowId,
                  List.of(
                      "--codec-endpoint",
                      encryption.codecEndpoint(codec),
                      "--codec-auth",
                      "Bearer " + encryption.token())));
      assertThat(encoding(input(decoded))).isEqualTo("json/plain");
      JsonNode request = JSON.readTree(data(input(decoded)));
      assertThat(request.get("distinctId").asText()).isEqualTo(ID);
      assertThat(request.get("reason").asText()).isEqualTo("gdpr");
      JsonNode storedReceipt = JSON.readTree(data(result(decoded)));
      assertThat(storedReceipt.get("distinctId").asText()).isEqualTo(ID);
      assertThat(storedReceipt.get("outcome").asText()).isEqualTo("DELETED");
    }
  }

  private static JsonNode input(JsonNode history) {
    return history
        .get("events")
        .get(0)
        .get("workflowExecutionStartedEventAttributes")
        .get("input")
        .get("payloads")
        .get(0);
  }

  private static JsonNode result(JsonNode history) {
    JsonNode events = history.get("events");
    return events
        .get(events.size() - 1)
        .get("workflowExecutionCompletedEventAttributes")
        .get("result")
        .get("payloads")
        .get(0);
  }

  /** Proto JSON carries a payload's metadata and data as base64. */
  private static String encoding(JsonNode payload) {
    return new String(
        Base64.getDecoder().decode(payload.get("metadata").get("encoding").asText()), UTF_8);
  }

  private static String data(JsonNode payload) {
    return new String(Base64.getDecoder().decode(payload.get("data").asText()), UTF_8);
  }

  /** {@code temporal workflow show -o json}, as an operator runs it. */
  private static String temporalShow(DevServer server, String workflowId, List<String> extra)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(RealTemporal.cli().toString());
    command.addAll(
        List.of(
            "workflow",
            "show",
            "--workflow-id",
            workflowId,
            "--address",
            server.address(),
            "--namespace",
            "default",
            "--output",
            "json",
            "--color",
            "never"));
    command.addAll(extra);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    String out;
    try (InputStream stream = process.getInputStream()) {
      out = new String(stream.readNBytes(4 << 20), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
