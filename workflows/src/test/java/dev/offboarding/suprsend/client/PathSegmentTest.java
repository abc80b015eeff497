package dev.offboarding.suprsend.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathSegmentTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "user-42|user-42",
        "a/b|a%2Fb",
        "a?b#c|a%3Fb%23c",
        "100%|100%25",
        "%2F|%252F",
        "a b+c|a%20b%2Bc",
        ".|%2E",
        "..|%2E%2E",
        "...|%2E%2E%2E",
        "a.b@x.com|a.b%40x.com",
        "é|%C3%A9",
        "😀|%F0%9F%98%80"
      })
  void encodesAsOneSegment(String raw, String encoded) {
    assertThat(PathSegment.encode(raw)).isEqualTo(encoded);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b/../c", "?#[]@!$&'()*+,;=", "\u200Frtl", "tab\tin", "~_-.AZaz09"})
  void encodedFormHasNoDelimitersAndDecodesBack(String raw) {
    String encoded = PathSegment.encode(raw);
    assertThat(encoded).doesNotContain("/", "?", "#", " ");
    String decoded = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    assertThat(decoded).isEqualTo(raw);
  }

  @ParameterizedTest
  @ValueSource(strings = {"user-42", "a/b", "100%", "..", "a b+c", "é😀", "o'brien", "%2F"})
  void decodeIsTheInverseOfEncode(String raw) {
    assertThat(PathSegment.decode(PathSegment.encode(raw))).isEqualTo(raw);
  }

  @ParameterizedTest
  @ValueSource(strings = {"%", "%2", "%zz", "a%G1", "%C3", "%FF", "é"})
  void decodeRefusesMalformedEscapesAndBytesThatAreNotUtf8(String segment) {
    assertThat(PathSegment.decode(segment)).isNull();
  }
}
