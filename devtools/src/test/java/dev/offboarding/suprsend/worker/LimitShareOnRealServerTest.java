package dev.offboarding.suprsend.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.offboarding.suprsend.devtools.realserver.DevServer;
import dev.offboarding.suprsend.devtools.realserver.RealTemporal;
import dev.offboarding.suprsend.devtools.testserver.EmbeddedTemporal;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On the real server, a worker counts the workers polling its task queue (two replicas of the
 * production worker, each with {@code SUPRSEND_MAX_REQUESTS_PER_SECOND=15}) and paces at its share.
 * In the same package as {@link LimitShare}, which is the worker's own.
 */
class LimitShareOnRealServerTest {

  private static final String QUEUE = "limit-share";

  @Test
  void twoReplicasOnTheTaskQueueAreCountedAndEachIsPacedAtHalfTheLimit() {
    try (DevServer server = RealTemporal.start(QUEUE, RealTemporal.headless(QUEUE));
        SuprSendSandbox sandbox = SuprSendSandbox.start(SandboxOptions.defaults())) {
      WorkflowServiceStubs service = EmbeddedTemporal.stubs(server.options().port());
      OffboardingWorker a = replica(service, "replica-a", sandbox);
      OffboardingWorker b = replica(service, "replica-b", sandbox);
      RequestPacer pacer = new RequestPacer(LimitShare.rate(15, 15, 1));
      // The observer's client polls nothing, so it counts only the two replicas.
      LimitShare share = LimitShare.start(client(service, "observer"), QUEUE, pacer, 15, 15);
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  share.refresh();
                  assertThat(share.workers()).isEqualTo(2);
                });

        assertThat(pacer.interval(TimeUnit.MICROSECONDS)).isEqualTo(140_350); // 1 s / 7.125
      } finally {
        share.close();
        a.shutdown(Duration.ofSeconds(2));
        b.shutdown(Duration.ofSeconds(2));
        service.shutdownNow();
      }
    }
  }

  private static OffboardingWorker replica(
      WorkflowServiceStubs service, String identity, SuprSendSandbox sandbox) {
    return OffboardingWorker.start(
        client(service, identity),
        RealTemporal.workerConfig(
            sandbox, QUEUE, Map.of(WorkerTuning.MAX_REQUESTS_PER_SECOND, "15")));
  }

  private static WorkflowClient client(WorkflowServiceStubs service, String identity) {
    return WorkflowClient.newInstance(
        service,
        WorkflowClientOptions.newBuilder().setNamespace("default").setIdentity(identity).build());
  }
}
