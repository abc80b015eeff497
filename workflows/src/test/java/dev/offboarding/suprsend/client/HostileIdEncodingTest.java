package dev.offboarding.suprsend.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile ids reach a real HTTP server as exactly one path segment that decodes to the input. */
class HostileIdEncodingTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static SuprSendUserApi api;

  @BeforeAll
  static void client() {
    api = SuprSendClients.userApi(SuprSendSettings.of(URI.create(server.baseUrl()), "k"));
  }

  static Stream<String> hostileIds() {
    return Stream.of(
        "a/b",
        "/leading",
        "trailing/",
        "?query=1",
        "#fragment",
        "%2F",
        "100%",
        "%",
        "..",
        ".",
        "../../admin",
        "a b",
        "plus+sign",
        "semi;colon",
        "user@example.com",
        "josé",
        "日本語",
        "😀🎉",
        "\u202Ertl-override",
        "\u200Fmark",
        "{braces}",
        "[brackets]",
        "back\\slash",
        "quote'\"",
        "x".repeat(512));
  }

  @ParameterizedTest
  @MethodSource("hostileIds")
  void travelsAsOneSegmentThatDecodesBackExactly(String id) {
    server.resetAll();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));

    api.deleteUser(id);

    List<ServeEvent> events = server.getAllServeEvents();
    assertThat(events).hasSize(1);
    String rawPath = events.get(0).getRequest().getUrl();
    assertThat(rawPath).startsWith("/v1/user/").endsWith("/");
    String segment = rawPath.substring("/v1/user/".length(), rawPath.length() - 1);
    assertThat(segment).doesNotContain("/", "?", "#");
    assertThat(percentDecode(segment)).isEqualTo(id);
  }

  /** Strict RFC 3986 decoding: no '+' to space. */
  static String percentDecode(String segment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        out.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
