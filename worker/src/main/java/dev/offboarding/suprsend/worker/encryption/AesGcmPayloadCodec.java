package dev.offboarding.suprsend.worker.encryption;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every payload (workflow input, activity arguments and results, receipts, failure
 * details) with AES-256-GCM before it leaves the process, so Temporal's history holds only
 * ciphertext.
 *
 * <p>An encrypted payload is the whole original {@code Payload} (metadata and data) serialised,
 * sealed as {@code nonce(12) || ciphertext || tag(16)} with the key id as additional authenticated
 * data, with metadata {@code encoding: binary/encrypted} and {@code encryption-key-id: <id>} (the
 * convention of Temporal's encryption samples, so other SDKs' codecs can read it). Encoding uses
 * the first configured key; decoding uses the key the payload names. Payloads that are not
 * encrypted pass through unchanged, so runs started before encryption was switched on keep working.
 *
 * <p>Decoding failures raise {@link PayloadCodecException} with the key id and what to do, never
 * key material; the worker deliberately does not fail runs on it (see {@code OffboardingWorker}).
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

  /** The {@code encoding} of an encrypted payload. */
  public static final String ENCODING = "binary/encrypted";

  /** Metadata key naming the key that sealed the payload. */
  public static final String KEY_ID = "encryption-key-id";

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EncryptionKeys keys;

  public AesGcmPayloadCodec(EncryptionKeys keys) {
    this.keys = keys;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    if (!keys.enabled()) {
      return payloads;
    }
    String keyId = keys.currentKeyId();
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      out.add(encrypt(payload, keyId));
    }
    return out;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      out.add(isEncrypted(payload) ? decrypt(payload) : payload);
    }
    return out;
  }

  /** True when {@code payload} was sealed by this codec (or a compatible one). */
  public static boolean isEncrypted(Payload payload) {
    ByteString encoding = payload.getMetadataMap().get("encoding");
    return encoding != null && encoding.toStringUtf8().equals(ENCODING);
  }

  private Payload encrypt(Payload payload, String keyId) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.key(keyId), nonce, keyId);
      byte[] sealed = cipher.doFinal(payload.toByteArray());
      ByteBuffer data = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
      return Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8(ENCODING))
          .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
          .setData(ByteString.copyFrom(data.array()))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(
          new IllegalStateException("AES-256-GCM encryption failed with key '" + keyId + "'", e));
    }
  }

  private Payload decrypt(Payload payload) {
    ByteString id = payload.getMetadataMap().get(KEY_ID);
    String keyId = id == null ? "(none)" : id.toStringUtf8();
    SecretKey key = id == null ? null : keys.key(keyId);
    if (key == null) {
      throw new PayloadCodecException(
          new IllegalStateException(
              "This payload was encrypted with key '"
                  + keyId
                  + "', which "
                  + EncryptionKeys.VARIABLE
                  + (keys.enabled()
                      ? " does not hold (it holds " + keys.keyIds() + ")"
                      : " is not set")
                  + ": add that key (keyId:base64key, after the current one) and restart"));
    }
    byte[] data = payload.getData().toByteArray();
    if (data.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PayloadCodecException(
          new IllegalStateException("Encrypted payload (key '" + keyId + "') is truncated"));
    }
    try {
      Cipher cipher =
          cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(data, NONCE_BYTES), keyId);
      byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
      return Payload.parseFrom(plain);
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException(
          new IllegalStateException(
              "Could not decrypt a payload with key '"
                  + keyId
                  + "': it was altered, or the key with this id is not the one that encrypted it"
                  + " (check "
                  + EncryptionKeys.VARIABLE
                  + ")"));
    }
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
