package dev.offboarding.suprsend.devtools.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeNetworkTest {

  private final NativeNetwork network =
      new NativeNetwork(Set.of("temporal", "postgresql", "sandbox"));

  @Test
  void aServiceNameUsedAsAHostBecomesLoopback() {
    assertThat(network.translate("temporal:7233")).isEqualTo("127.0.0.1:7233");
    assertThat(network.translate("postgresql")).isEqualTo("127.0.0.1");
    assertThat(network.translate("http://sandbox:8099")).isEqualTo("http://127.0.0.1:8099");
  }

  @Test
  void aBindToEveryInterfaceBecomesLoopbackAsThePublishedPortWas() {
    assertThat(network.translate("0.0.0.0")).isEqualTo("127.0.0.1");
    assertThat(NativeNetwork.translateArgument("0.0.0.0")).isEqualTo("127.0.0.1");
  }

  @Test
  void anythingElseIsLeftAlone() {
    assertThat(network.translate("temporal-system")).isEqualTo("temporal-system");
    assertThat(network.translate("https://hub.suprsend.com")).isEqualTo("https://hub.suprsend.com");
    assertThat(network.translate("suprsend-offboarding")).isEqualTo("suprsend-offboarding");
    assertThat(NativeNetwork.translateArgument("sandbox")).isEqualTo("sandbox");
  }
}
