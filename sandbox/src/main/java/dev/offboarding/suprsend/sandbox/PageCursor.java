package dev.offboarding.suprsend.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The opaque {@code before}/{@code after} cursors of {@code GET /v1/user/{id}/subscribed_to/list/}:
 * a subscription's exact time and list id, Base64url-encoded.
 */
final class PageCursor {

  private PageCursor() {}

  @SuppressWarnings("JavaInstantGetSecondsGetNano") // both parts: the cursor is the exact instant
  static String encode(SandboxState.Subscription s) {
    String raw =
        s.subscribedAt().getEpochSecond() + ":" + s.subscribedAt().getNano() + ":" + s.listId();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position a cursor names (its list name is empty).
   *
   * @throws IllegalArgumentException when it is not a cursor this sandbox made
   */
  static SandboxState.Subscription decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split(":", 3);
      if (parts.length != 3) {
        throw new IllegalArgumentException("bad cursor");
      }
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      return new SandboxState.Subscription(parts[2], "", at);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("bad cursor", e);
    }
  }
}
