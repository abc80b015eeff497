package dev.offboarding.suprsend.client;

import feign.Param;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a value as one URI path segment (RFC 3986).
 *
 * <p>Only unreserved characters ({@code A-Z a-z 0-9 - _ ~}) and dots travel as they are; every
 * other byte of the UTF-8 form is encoded, {@code / ? # % +}, spaces and non-ASCII included. The
 * segments {@code .} and {@code ..} are encoded entirely ({@code %2E}), because HTTP clients,
 * proxies and servers would otherwise resolve them as "this folder" and "parent folder".
 */
public final class PathSegment implements Param.Expander {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  @Override
  public String expand(Object value) {
    return encode(String.valueOf(value));
  }

  /** Encodes {@code value} as one path segment. */
  public static String encode(String value) {
    boolean onlyDots = !value.isEmpty() && value.chars().allMatch(c -> c == '.');
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (isUnreserved(c) && !(onlyDots && c == '.')) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  /**
   * Decodes one percent-encoded path segment as UTF-8: the inverse of {@link #encode}, for any
   * encoder's output. Null when {@code segment} holds a malformed escape or is not valid UTF-8.
   */
  public static String decode(String segment) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c != '%') {
        if (c > 0x7F) {
          return null;
        }
        bytes.write(c);
        continue;
      }
      int hi = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
      int lo = hi < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
      if (lo < 0) {
        return null;
      }
      bytes.write(hi << 4 | lo);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return null;
    }
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~';
  }
}
