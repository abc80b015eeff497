package dev.offboarding.suprsend.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Loopback unless told otherwise (the control plane has no authentication); the container case:
 * listening on every interface, still answering on loopback.
 */
class BindAddressTest {

  @Test
  void listensOnLoopbackOnlyUnlessGivenAnAddress() {
    try (SuprSendSandbox sandbox = SuprSendSandbox.start(SandboxOptions.defaults())) {
      assertThat(sandbox.bindAddress().isLoopbackAddress()).isTrue();
    }
  }

  @Test
  void bindsTheGivenAddress() throws Exception {
    InetAddress any = new InetSocketAddress(0).getAddress();
    try (SuprSendSandbox sandbox = SuprSendSandbox.start(SandboxOptions.defaults(), any)) {
      assertThat(sandbox.bindAddress().isAnyLocalAddress()).isTrue();
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + sandbox.port() + "/_sandbox/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    }
  }
}
