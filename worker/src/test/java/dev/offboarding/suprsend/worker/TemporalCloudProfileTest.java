package dev.offboarding.suprsend.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporal Cloud's two ways in, as docs/deploy.md documents them, read from a TOML profile by
 * {@code temporal-envconfig} and turned into the service stub options the worker connects with.
 */
class TemporalCloudProfileTest {

  @Test
  void apiKeyProfile(@TempDir Path dir) throws IOException {
    Path toml = dir.resolve("temporal.toml");
    Files.writeString(
        toml,
        """
        [profile.cloud]
        address = "us-east-1.aws.api.temporal.io:7233"
        namespace = "offboarding.a1b2c"
        api_key = "tc-api-key-not-real"
        """);
    Map<String, String> env =
        Map.of("TEMPORAL_CONFIG_FILE", toml.toString(), "TEMPORAL_PROFILE", "cloud");

    WorkflowServiceStubsOptions stubs =
        TemporalConnection.profile(env).toWorkflowServiceStubsOptions();

    assertThat(stubs.getTarget()).isEqualTo("us-east-1.aws.api.temporal.io:7233");
    assertThat(stubs.getEnableHttps()).as("an API key turns TLS on").isTrue();
    try (TemporalConnection connection = TemporalConnection.connect(env)) {
      assertThat(connection.namespace()).isEqualTo("offboarding.a1b2c");
      assertThat(connection.address()).isEqualTo("us-east-1.aws.api.temporal.io:7233");
    }
  }

  @Test
  void mtlsProfile(@TempDir Path dir) throws Exception {
    Path cert = dir.resolve("client.pem");
    Path key = dir.resolve("client.key");
    writeSelfSignedClientCertificate(dir, cert, key);
    Path toml = dir.resolve("temporal.toml");
    Files.writeString(
        toml,
        """
        [profile.cloud-mtls]
        address = "offboarding.a1b2c.tmprl.cloud:7233"
        namespace = "offboarding.a1b2c"

        [profile.cloud-mtls.tls]
        client_cert_path = "%s"
        client_key_path = "%s"
        """
            .formatted(cert, key));
    Map<String, String> env =
        Map.of("TEMPORAL_CONFIG_FILE", toml.toString(), "TEMPORAL_PROFILE", "cloud-mtls");

    WorkflowServiceStubsOptions stubs =
        TemporalConnection.profile(env).toWorkflowServiceStubsOptions();

    assertThat(stubs.getTarget()).isEqualTo("offboarding.a1b2c.tmprl.cloud:7233");
    assertThat(stubs.getSslContext()).as("the client certificate is loaded").isNotNull();
    assertThat(stubs.getSslContext().isClient()).isTrue();
    try (TemporalConnection connection = TemporalConnection.connect(env)) {
      assertThat(connection.namespace()).isEqualTo("offboarding.a1b2c");
    }
    // The same through environment variables instead of a file.
    WorkflowServiceStubsOptions fromEnv =
        TemporalConnection.profile(
                Map.of(
                    "TEMPORAL_CONFIG_FILE",
                    "/nonexistent/temporal.toml",
                    "TEMPORAL_ADDRESS",
                    "offboarding.a1b2c.tmprl.cloud:7233",
                    "TEMPORAL_TLS_CLIENT_CERT_PATH",
                    cert.toString(),
                    "TEMPORAL_TLS_CLIENT_KEY_PATH",
                    key.toString()))
            .toWorkflowServiceStubsOptions();
    assertThat(fromEnv.getSslContext()).isNotNull();
  }

  /**
   * A throwaway client certificate and PKCS#8 key in PEM, made with the JDK's own keytool, so no
   * key material is kept in the repository.
   */
  private static void writeSelfSignedClientCertificate(Path dir, Path certPem, Path keyPem)
      throws Exception {
    Path keystore = dir.resolve("client.p12");
    char[] password = "test-only".toCharArray();
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    "client",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=offboarding-worker-test",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keystore.toString(),
                    "-storepass",
                    new String(password)))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      store.load(in, password);
    }
    Certificate certificate = store.getCertificate("client");
    PrivateKey privateKey = (PrivateKey) store.getKey("client", password);
    Files.writeString(certPem, pem("CERTIFICATE", certificate.getEncoded()));
    Files.writeString(keyPem, pem("PRIVATE KEY", privateKey.getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
