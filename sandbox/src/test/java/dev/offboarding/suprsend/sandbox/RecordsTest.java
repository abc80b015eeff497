package dev.offboarding.suprsend.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsTest extends SandboxTestBase {

  @Test
  void recordedRequestToStringRedactsAuthorization() throws Exception {
    sandbox.addUser("u1");
    api("DELETE", "/v1/user/u1/");
    RecordedRequest r = sandbox.requests().get(0);
    assertThat(r.header("Authorization")).isEqualTo("Bearer " + sandbox.apiKey());
    assertThat(r.header("authorization")).isEqualTo("Bearer " + sandbox.apiKey());
    assertThat(r.toString())
        .doesNotContain(sandbox.apiKey())
        .contains("Bearer <redacted>")
        .contains("/v1/user/u1/");
    assertThat(r.method()).isEqualTo("DELETE");
    assertThat(r.status()).isEqualTo(204);
  }

  @Test
  void redactsHeadersWithoutAScheme() {
    RecordedRequest r =
        new RecordedRequest(
            Instant.now(),
            "GET",
            "/",
            null,
            Map.of("Authorization", List.of("secret"), "Cookie", List.of("s=1")),
            null,
            200);
    assertThat(r.toString()).doesNotContain("secret").doesNotContain("s=1");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void optionsValidateWithersAndHideTheKey() {
    SandboxOptions o = SandboxOptions.defaults();
    assertThat(o.port()).isZero();
    assertThat(o.threads()).isEqualTo(64);
    assertThat(o.apiKey()).startsWith("sandbox-key-");
    assertThat(o.toString()).doesNotContain(o.apiKey());
    SandboxOptions changed =
        o.withPort(1234)
            .withApiKey("k")
            .withLatency(Duration.ofMillis(5))
            .withRateLimit(10)
            .withThreads(4);
    assertThat(changed).isEqualTo(new SandboxOptions(1234, "k", Duration.ofMillis(5), 10, 4));
    assertThatThrownBy(() -> o.withThreads(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> o.withApiKey(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> o.withRateLimit(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void startsOnTheLoopbackWithTheGivenKey() {
    try (SuprSendSandbox other =
        SuprSendSandbox.start(SandboxOptions.defaults().withApiKey("fixed").withThreads(2))) {
      assertThat(other.baseUrl().getHost()).isEqualTo("127.0.0.1");
      assertThat(other.baseUrl().toString()).doesNotEndWith("/");
      assertThat(other.port()).isPositive().isNotEqualTo(sandbox.port());
      assertThat(other.apiKey()).isEqualTo("fixed");
    }
  }

  @Test
  void pathSegmentsDecodeStrictly() {
    assertThat(PathSegments.decode("a%2Fb")).isEqualTo("a/b");
    assertThat(PathSegments.decode("a+b")).isEqualTo("a+b");
    assertThat(PathSegments.decode("%F0%9F%98%80")).isEqualTo("😀");
    for (String bad : new String[] {"%", "%2", "%zz", "%C3%28", "a b", "ä", "a/b", "a?b"}) {
      assertThatThrownBy(() -> PathSegments.decode(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(PathSegments.decode(PathSegments.encode("x/y?z#%ü 😀"))).isEqualTo("x/y?z#%ü 😀");
  }

  @Test
  void ringBufferDropsTheOldest() {
    RingBuffer<Integer> ring = new RingBuffer<>(3);
    for (int i = 0; i < 5; i++) {
      ring.add(i);
    }
    assertThat(ring.snapshot()).containsExactly(2, 3, 4);
  }
}
