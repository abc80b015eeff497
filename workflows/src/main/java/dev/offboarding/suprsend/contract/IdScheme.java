package dev.offboarding.suprsend.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How a distinct id becomes a workflow id ({@code OFFBOARDING_ID_SCHEME}). Workflow ids are stored
 * in clear by Temporal (and shown in lists, logs and metrics), so an erasure tool may not want the
 * id of the person being erased there.
 */
public enum IdScheme {
  /** {@code suprsend-offboarding:<distinctId>}: the id itself (the default). */
  PLAIN,
  /**
   * {@code suprsend-offboarding:sha256:<hex>}: SHA-256 of the id's UTF-8 bytes, 64 lowercase hex
   * digits. Still one run per user; callers hash the id the same way to address the run.
   */
  SHA256;

  /** The environment variable that chooses the scheme. */
  public static final String VARIABLE = "OFFBOARDING_ID_SCHEME";

  /** The workflow id of {@code distinctId} under this scheme. */
  public String workflowIdFor(String distinctId) {
    return switch (this) {
      case PLAIN -> OffboardingIds.WORKFLOW_ID_PREFIX + distinctId;
      case SHA256 -> OffboardingIds.WORKFLOW_ID_PREFIX + "sha256:" + sha256Hex(distinctId);
    };
  }

  /**
   * {@code distinctId} as it may be shown outside Temporal (notifications to people): itself under
   * {@link #PLAIN}, {@code sha256:<hex>} under {@link #SHA256}, the same hash as in the workflow
   * id.
   */
  public String shownId(String distinctId) {
    return switch (this) {
      case PLAIN -> distinctId;
      case SHA256 -> "sha256:" + sha256Hex(distinctId);
    };
  }

  /**
   * The scheme {@code workflowId} was made with for {@code distinctId}: {@link #SHA256} when it is
   * the hashed form, else {@link #PLAIN}. A run's own id says how it was started, whatever this
   * process's {@link #VARIABLE} says.
   */
  public static IdScheme of(String workflowId, String distinctId) {
    return SHA256.workflowIdFor(distinctId).equals(workflowId) ? SHA256 : PLAIN;
  }

  /** {@code plain} or {@code sha256} (any case); unset or blank is {@link #PLAIN}. */
  public static IdScheme parse(String value) {
    if (value == null || value.isBlank()) {
      return PLAIN;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "plain" -> PLAIN;
      case "sha256" -> SHA256;
      default ->
          throw new IllegalArgumentException(
              VARIABLE + " must be plain or sha256, was '" + value.trim() + "'");
    };
  }

  /** True when {@code workflowId} is {@code distinctId}'s id under any scheme. */
  public static boolean matches(String workflowId, String distinctId) {
    for (IdScheme scheme : values()) {
      if (scheme.workflowIdFor(distinctId).equals(workflowId)) {
        return true;
      }
    }
    return false;
  }

  static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
