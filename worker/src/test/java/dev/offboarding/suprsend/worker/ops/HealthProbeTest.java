package dev.offboarding.suprsend.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The container's health check against the real endpoint: ready, unready, and nobody there. */
class HealthProbeTest {

  @Test
  void exitsZeroOnlyWhileReady() throws Exception {
    AtomicReference<Optional<String>> temporal = new AtomicReference<>(Optional.empty());
    // No caching here: each probe sees the state just set (OpsServerTest covers the cache).
    Readiness readiness =
        new Readiness(() -> true, temporal::get, Duration.ZERO, InstantSource.system());
    int port;
    try (OpsServer server =
        OpsServer.start(InetAddress.getLoopbackAddress(), 0, () -> "# metrics\n", readiness)) {
      port = server.port();
      assertThat(HealthProbe.probe(port, OpsServer.READY_PATH)).isZero();
      assertThat(HealthProbe.probe(port, OpsServer.HEALTH_PATH)).isZero();

      temporal.set(Optional.of("Temporal is unreachable"));
      assertThat(HealthProbe.probe(port, OpsServer.READY_PATH)).isEqualTo(1);
      assertThat(HealthProbe.probe(port, OpsServer.HEALTH_PATH)).as("still alive").isZero();

      temporal.set(Optional.empty());
      readiness.drain();
      assertThat(HealthProbe.probe(port, OpsServer.READY_PATH)).isEqualTo(1);
      assertThat(HealthProbe.probe(port, "/metrics/more")).as("exact paths only").isEqualTo(1);
    }
    assertThat(HealthProbe.probe(port, OpsServer.HEALTH_PATH)).as("nobody listening").isEqualTo(1);
  }

  @Test
  void probesTheBoundAddressUnlessTheEndpointListensEverywhere() {
    assertThat(HealthProbe.host(null)).isEqualTo("127.0.0.1");
    assertThat(HealthProbe.host("0.0.0.0")).isEqualTo("127.0.0.1");
    assertThat(HealthProbe.host("::")).isEqualTo("127.0.0.1");
    assertThat(HealthProbe.host(" 10.1.2.3 ")).isEqualTo("10.1.2.3");
    assertThat(HealthProbe.host("::1")).isEqualTo("[::1]");
  }

  @Test
  void aWorkerThatIsNotPollingIsNotReady() {
    Readiness readiness = new Readiness(() -> false, Optional::empty);
    assertThat(readiness.problem()).contains("the worker is not polling its task queue");
  }
}
