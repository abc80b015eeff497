package dev.offboarding.suprsend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.contract.IdScheme;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.ScriptedResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Full offboardings through the CLI, successes and failures, with encryption and hashed workflow
 * ids on: every command's output is searched for the SuprSend API key, the encryption key and the
 * codec server token, and the webhook secret (zero hits), while the operator still sees plain
 * distinct ids and receipts.
 */
class SecretsInCliOutputTest {

  @Test
  void noCommandPrintsASecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String keyMaterial = Base64.getEncoder().encodeToString(key);
    String codecToken = "codec-token-never-printed-4242";
    String apiKey = "ss-cli-secret-key-9a8b7c6d5e";
    Map<String, String> extra =
        Map.of(
            "OFFBOARDING_ENCRYPTION_KEY",
            "cli-test:" + keyMaterial,
            "OFFBOARDING_ID_SCHEME",
            "sha256",
            "OFFBOARDING_CODEC_SERVER_TOKEN",
            codecToken);
    try (EndToEndRig rig =
        EndToEndRig.start("cli-secrets", SandboxOptions.defaults().withApiKey(apiKey), extra)) {
      Cli cli = new Cli().neverPrints(apiKey).neverPrints(keyMaterial).neverPrints(codecToken);
      rig.sandbox().addUser("erin@example.com");
      rig.sandbox().addUser("frank@example.com");
      rig.sandbox().script("frank@example.com", ScriptedResponse.status(403));

      Cli.Run ok = cli.run(rig.env(), "start", "erin@example.com", "--wait", "--json");
      assertThat(ok.exit()).as(ok.all()).isZero();
      assertThat(ok.out())
          .contains("erin@example.com", IdScheme.SHA256.workflowIdFor("erin@example.com"));

      Cli.Run refused = cli.run(rig.env(), "start", "frank@example.com", "--wait");
      assertThat(refused.exit()).as(refused.all()).isEqualTo(ExitCodes.NOT_COMPLETED);
      assertThat(refused.all()).contains("403");

      assertThat(cli.run(rig.env(), "status", "erin@example.com").all()).contains("DELETED");
      assertThat(cli.run(rig.env(), "status", "frank@example.com", "--json").exit())
          .isNotEqualTo(ExitCodes.USAGE);
      assertThat(cli.run(rig.env(), "check").out())
          .contains("payloads encrypted with key 'cli-test'", "workflow ids sha256");

      // The CLI with notifications configured: check reads and shows that configuration.
      String webhookSecret = "webhook-secret-never-printed-0123456789abcdef";
      Cli withWebhook = new Cli().neverPrints(apiKey).neverPrints(webhookSecret);
      Map<String, String> notifying = new HashMap<>(rig.env());
      notifying.put("OFFBOARDING_WEBHOOK_URL", rig.sandbox().webhookUrl().toString());
      notifying.put("OFFBOARDING_WEBHOOK_SECRET", webhookSecret);
      withWebhook.run(notifying, "check");
      withWebhook.run(notifying, "status", "erin@example.com", "--json");
      withWebhook.run(notifying, "worker", "--help");

      Map<String, String> badCodec = new HashMap<>(rig.env());
      badCodec.put("OFFBOARDING_CODEC_SERVER_TOKEN", "tiny-token-1");
      Cli.Run codec = cli.run(badCodec, "codec-server");
      assertThat(codec.exit()).isEqualTo(ExitCodes.USAGE);
      assertThat(codec.err()).contains("OFFBOARDING_CODEC_SERVER_TOKEN is too short");

      Map<String, String> badKey = new HashMap<>(rig.env());
      badKey.put("OFFBOARDING_ENCRYPTION_KEY", "cli-test:" + keyMaterial.substring(0, 20));
      Cli.Run wrongKey = cli.run(badKey, "status", "erin@example.com");
      assertThat(wrongKey.exit()).isEqualTo(ExitCodes.USAGE);
      assertThat(wrongKey.err()).contains("OFFBOARDING_ENCRYPTION_KEY");
    }
  }
}
