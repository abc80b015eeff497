package dev.offboarding.suprsend.worker.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AesGcmPayloadCodecTest {

  static final String OLD = TestKeys.entry("2025-q4");
  static final String NEW = TestKeys.entry("2026-q1");

  static Payload json(String text) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(text))
        .build();
  }

  @Test
  void encryptsWithTheFirstKeyAndRoundTrips() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(EncryptionKeys.parse(NEW + "," + OLD));
    Payload plain = json("{\"distinctId\":\"alice@example.com\"}");

    Payload sealed = codec.encode(List.of(plain)).get(0);

    assertThat(sealed.getMetadataMap().get("encoding").toStringUtf8())
        .isEqualTo("binary/encrypted");
    assertThat(sealed.getMetadataMap().get("encryption-key-id").toStringUtf8())
        .isEqualTo("2026-q1");
    assertThat(sealed.getData().toStringUtf8()).doesNotContain("alice");
    assertThat(sealed.toByteString().toString(StandardCharsets.ISO_8859_1))
        .doesNotContain("alice", "json/plain");
    assertThat(codec.decode(List.of(sealed))).containsExactly(plain);
    assertThat(codec.encode(List.of(plain)).get(0).getData())
        .as("a fresh nonce every time")
        .isNotEqualTo(sealed.getData());
  }

  @Test
  void aRotatedConfigurationStillDecryptsOldPayloads() {
    Payload plain = json("\"bob\"");
    Payload sealedWithOld =
        new AesGcmPayloadCodec(EncryptionKeys.parse(OLD)).encode(List.of(plain)).get(0);

    AesGcmPayloadCodec rotated = new AesGcmPayloadCodec(EncryptionKeys.parse(NEW + "," + OLD));

    assertThat(rotated.decode(List.of(sealedWithOld))).containsExactly(plain);
    assertThat(
            rotated
                .encode(List.of(plain))
                .get(0)
                .getMetadataMap()
                .get("encryption-key-id")
                .toStringUtf8())
        .isEqualTo("2026-q1");
  }

  @Test
  void aMissingKeyIsRefusedWithAMessageNamingItAndNoKeyMaterial() {
    Payload sealed =
        new AesGcmPayloadCodec(EncryptionKeys.parse(OLD)).encode(List.of(json("1"))).get(0);

    Throwable noSuchKey =
        catchThrowable(
            () -> new AesGcmPayloadCodec(EncryptionKeys.parse(NEW)).decode(List.of(sealed)));
    Throwable noKeys =
        catchThrowable(() -> new AesGcmPayloadCodec(EncryptionKeys.none()).decode(List.of(sealed)));

    assertThat(noSuchKey).isInstanceOf(PayloadCodecException.class);
    assertThat(noSuchKey.getCause().getMessage())
        .contains("'2025-q4'", "OFFBOARDING_ENCRYPTION_KEY", "[2026-q1]")
        .doesNotContain(TestKeys.material(OLD), TestKeys.material(NEW));
    assertThat(noKeys.getCause().getMessage()).contains("'2025-q4'", "is not set");
  }

  @Test
  void alteredCiphertextIsRefused() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(EncryptionKeys.parse(NEW));
    Payload sealed = codec.encode(List.of(json("\"carol\""))).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload altered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();

    Throwable refused = catchThrowable(() -> codec.decode(List.of(altered)));

    assertThat(refused).isInstanceOf(PayloadCodecException.class);
    assertThat(refused.getCause().getMessage()).contains("altered");
  }

  @Test
  void plainPayloadsPassThroughSoOlderRunsKeepWorking() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(EncryptionKeys.parse(NEW));
    Payload plain = json("\"dave\"");
    assertThat(codec.decode(List.of(plain))).containsExactly(plain);
    assertThat(new AesGcmPayloadCodec(EncryptionKeys.none()).encode(List.of(plain)))
        .containsExactly(plain);
  }

  @Test
  void theDataConverterEncryptsValuesAndFailureMessages() {
    DataConverter converter =
        OffboardingDataConverter.fromEnvironment(Map.of(EncryptionKeys.VARIABLE, NEW));
    Payload payload = converter.toPayload("erin@example.com").orElseThrow();
    assertThat(payload.toByteString().toString(StandardCharsets.ISO_8859_1)).doesNotContain("erin");
    assertThat(converter.fromPayload(payload, String.class, String.class))
        .isEqualTo("erin@example.com");

    var failure =
        converter.exceptionToFailure(
            io.temporal.failure.ApplicationFailure.newFailure(
                "user erin@example.com not found", "T"));
    assertThat(failure.toByteString().toString(StandardCharsets.ISO_8859_1)).doesNotContain("erin");
  }
}
