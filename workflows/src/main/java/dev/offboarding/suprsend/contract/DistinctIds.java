package dev.offboarding.suprsend.contract;

import java.nio.charset.StandardCharsets;

/**
 * The rules a distinct id must meet before anything is sent to SuprSend.
 *
 * <p>SuprSend accepts free strings (UUIDs, numbers, e-mail addresses). This project rejects only
 * what can never be a real id or would be unsafe to carry: blank ids, ids with control characters
 * (they corrupt logs and terminals) and ids longer than {@link #MAX_UTF8_BYTES} bytes in UTF-8 (the
 * workflow id embeds the distinct id and Temporal limits ids to 1,000 bytes).
 */
public final class DistinctIds {

  /** The longest accepted distinct id, in UTF-8 bytes: 512 ASCII characters, or 128 emoji. */
  public static final int MAX_UTF8_BYTES = 512;

  private DistinctIds() {}

  /**
   * Returns why {@code distinctId} is not acceptable, or null when it is.
   *
   * <p>The message names the problem and what to do, and never echoes a control character.
   */
  public static String problemWith(String distinctId) {
    if (distinctId == null) {
      return "distinctId is missing: pass the SuprSend distinct id of the user to offboard";
    }
    if (distinctId.isBlank()) {
      return "distinctId is blank: pass the SuprSend distinct id of the user to offboard";
    }
    for (int i = 0; i < distinctId.length(); i++) {
      char c = distinctId.charAt(i);
      if (Character.isISOControl(c)) {
        return String.format(
            "distinctId contains the control character U+%04X at position %d: "
                + "distinct ids may not contain control characters (check how the id was read)",
            (int) c, i);
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < distinctId.length()
              && Character.isLowSurrogate(distinctId.charAt(i + 1)))
          && !(Character.isLowSurrogate(c)
              && i > 0
              && Character.isHighSurrogate(distinctId.charAt(i - 1)))) {
        return "distinctId contains an unpaired UTF-16 surrogate at position "
            + i
            + ": it is not valid Unicode";
      }
    }
    int bytes = distinctId.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_UTF8_BYTES) {
      return "distinctId is "
          + bytes
          + " bytes long in UTF-8; the limit is "
          + MAX_UTF8_BYTES
          + " bytes";
    }
    return null;
  }

  /** True when {@link #problemWith(String)} finds nothing. */
  public static boolean isValid(String distinctId) {
    return problemWith(distinctId) == null;
  }
}
