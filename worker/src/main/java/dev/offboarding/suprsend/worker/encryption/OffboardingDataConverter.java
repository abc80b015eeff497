package dev.offboarding.suprsend.worker.encryption;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;

/**
 * The one data converter of every client this project builds from the environment (worker and CLI,
 * through {@code TemporalConnection}): Temporal's default JSON converter behind the {@link
 * AesGcmPayloadCodec}.
 *
 * <p>With {@code OFFBOARDING_ENCRYPTION_KEY} set, payloads are encrypted and so are failure
 * messages and stack traces (Temporal's "encode failure attributes"): a failure message may quote
 * SuprSend, and SuprSend's messages can carry the distinct id. Without it, payloads stay plain, but
 * the codec is still installed so that an encrypted payload is refused with a message naming the
 * missing key instead of being misread as malformed JSON.
 */
public final class OffboardingDataConverter {

  private OffboardingDataConverter() {}

  /** For {@code env}; throws {@link IllegalArgumentException} when the keys are invalid. */
  public static DataConverter fromEnvironment(Map<String, String> env) {
    return of(EncryptionKeys.fromEnvironment(env));
  }

  public static DataConverter of(EncryptionKeys keys) {
    return new CodecDataConverter(
        DefaultDataConverter.newDefaultInstance(),
        List.of(new AesGcmPayloadCodec(keys)),
        keys.enabled());
  }
}
