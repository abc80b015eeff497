package dev.offboarding.suprsend.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The container's health check against the real endpoint: ready, unready, and nobody there. */
class HealthProbeTest {

  @Test
  void exitsZeroOnlyWhileReady() throws Exception {
    AtomicReference<Optional<String>> temporal = new AtomicReference<>(Optional.empty());
    Readiness readiness = new Readiness(() -> true, temporal::get);
    int port;
    try (OpsServer server = OpsServer.start(0, () -> "# metrics\n", readiness)) {
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
  void aWorkerThatIsNotPollingIsNotReady() {
    Readiness readiness = new Readiness(() -> false, Optional::empty);
    assertThat(readiness.problem()).contains("the worker is not polling its task queue");
  }
}
