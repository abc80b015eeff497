package dev.offboarding.suprsend.worker.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Temporal's codec server protocol, the token it requires, CORS for the UI, key rotation. */
class CodecServerTest {

  static final String TOKEN = "codec-token-0123456789abcdef";
  static final String OLD = TestKeys.entry("old");
  static final String NEW = TestKeys.entry("new");
  static final String UI = "http://localhost:8080";

  static CodecServer server;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server =
        CodecServer.start(
            CodecServerConfig.fromEnvironment(
                Map.of(
                    CodecServerConfig.TOKEN,
                    TOKEN,
                    CodecServerConfig.PORT,
                    "0",
                    EncryptionKeys.VARIABLE,
                    NEW + "," + OLD)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String body(Payload... payloads) throws Exception {
    return JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(List.of(payloads)));
  }

  static Payloads parse(String json) throws Exception {
    Payloads.Builder out = Payloads.newBuilder();
    JsonFormat.parser().merge(json, out);
    return out.build();
  }

  @Test
  void listensOnLoopbackOnlyUnlessTheBindVariableSaysOtherwise() {
    assertThat(server.address().isLoopbackAddress()).as("default bind").isTrue();
  }

  static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static final Payload PLAIN =
      Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
          .setData(ByteString.copyFromUtf8("{\"distinctId\":\"frank@example.com\"}"))
          .build();

  @Test
  void encodeThenDecodeRoundTrips() throws Exception {
    HttpResponse<String> encoded = post("/encode", body(PLAIN), "Authorization", "Bearer " + TOKEN);
    assertThat(encoded.statusCode()).isEqualTo(200);
    assertThat(encoded.body()).doesNotContain("frank");
    Payload sealed = parse(encoded.body()).getPayloads(0);
    assertThat(AesGcmPayloadCodec.isEncrypted(sealed)).isTrue();

    HttpResponse<String> decoded =
        post("/default/decode", encoded.body(), "Authorization", "Bearer " + TOKEN);
    assertThat(decoded.statusCode()).isEqualTo(200);
    assertThat(parse(decoded.body()).getPayloadsList()).containsExactly(PLAIN);
  }

  @Test
  void decodesPayloadsEncryptedWithAnOlderKey() throws Exception {
    Payload sealedWithOld =
        new AesGcmPayloadCodec(EncryptionKeys.parse(OLD)).encode(List.of(PLAIN)).get(0);
    HttpResponse<String> decoded =
        post("/decode", body(sealedWithOld), "Authorization", "Bearer " + TOKEN);
    assertThat(parse(decoded.body()).getPayloadsList()).containsExactly(PLAIN);
  }

  @Test
  void refusesRequestsWithoutTheToken() throws Exception {
    Payload sealed =
        new AesGcmPayloadCodec(EncryptionKeys.parse(NEW)).encode(List.of(PLAIN)).get(0);
    for (HttpResponse<String> refused :
        List.of(
            post("/decode", body(sealed)),
            post("/decode", body(sealed), "Authorization", "Bearer wrong-token-0123456789"),
            post("/decode", body(sealed), "Authorization", TOKEN),
            post("/wrong-token-0123456789/decode", body(sealed)))) {
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.body()).doesNotContain("frank").contains("bearer token");
    }
  }

  @Test
  void theUiMayPresentTheTokenInTheEndpointPath() throws Exception {
    Payload sealed =
        new AesGcmPayloadCodec(EncryptionKeys.parse(NEW)).encode(List.of(PLAIN)).get(0);
    HttpResponse<String> decoded = post("/" + TOKEN + "/decode", body(sealed), "Origin", UI);
    assertThat(decoded.statusCode()).isEqualTo(200);
    assertThat(decoded.headers().firstValue("Access-Control-Allow-Origin")).hasValue(UI);
    assertThat(parse(decoded.body()).getPayloadsList()).containsExactly(PLAIN);
  }

  @Test
  void answersPreflightsForTheUiOriginOnly() throws Exception {
    HttpResponse<String> allowed = preflight(UI);
    assertThat(allowed.statusCode()).isEqualTo(204);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(UI);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
        .contains("Authorization", "X-Namespace");

    HttpResponse<String> other = preflight("http://evil.example");
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void refusesToStartWithoutTokenOrKeys() {
    var e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            dev.offboarding.suprsend.worker.ConfigException.class,
            () -> CodecServerConfig.fromEnvironment(Map.of()));
    assertThat(e.problems())
        .anySatisfy(p -> assertThat(p).startsWith(CodecServerConfig.TOKEN))
        .anySatisfy(p -> assertThat(p).startsWith(EncryptionKeys.VARIABLE));
  }

  private static HttpResponse<String> preflight(String origin) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/decode"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "authorization,content-type,x-namespace")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
