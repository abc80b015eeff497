package dev.offboarding.suprsend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.sandbox.SandboxOptions;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A real Temporal server answers a result poll with RESOURCE_EXHAUSTED ("Workflow is busy") while
 * the run is being updated; waiting for a result goes on through that instead of failing the
 * command (seen on the dev server: {@code start --wait} exited 1 "start failed unexpectedly").
 */
class AwaitBusyWorkflowTest {

  @Test
  void waitingForAResultGoesOnWhenTheServerSaysTheWorkflowIsBusy() {
    try (EndToEndRig rig = EndToEndRig.start("await-busy", SandboxOptions.defaults(), Map.of())) {
      rig.sandbox().addUser("busy-user");
      BusyHistory busy = new BusyHistory(Duration.ofMillis(2500));
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(rig.env().get("TEMPORAL_ADDRESS"))
                  .setGrpcClientInterceptors(List.of(busy))
                  .build());
      try {
        WorkflowClient client =
            WorkflowClient.newInstance(
                service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
        Offboardings offboardings = new Offboardings(client, "await-busy");
        Offboardings.StartedRun run = offboardings.start("busy-user", "test", "test");

        RunResult result = new RunWatch(client).await(run, Duration.ofSeconds(30), line -> {});

        assertThat(busy.refused.get()).as("result polls refused as busy").isPositive();
        assertThat(result.result()).isEqualTo("DELETED");
      } finally {
        service.shutdownNow();
      }
    }
  }

  /** Refuses every GetWorkflowExecutionHistory call as busy for a while after the first one. */
  private static final class BusyHistory implements ClientInterceptor {
    private final Duration busyFor;
    private final AtomicInteger refused = new AtomicInteger();
    private volatile long busyUntil;

    BusyHistory(Duration busyFor) {
      this.busyFor = busyFor;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      if (!"GetWorkflowExecutionHistory".equals(method.getBareMethodName())) {
        return next.newCall(method, options);
      }
      synchronized (this) {
        if (busyUntil == 0) {
          busyUntil = System.nanoTime() + busyFor.toNanos();
        }
      }
      if (System.nanoTime() >= busyUntil) {
        return next.newCall(method, options);
      }
      refused.incrementAndGet();
      return new ClientCall<>() {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          listener.onClose(
              Status.RESOURCE_EXHAUSTED.withDescription("Workflow is busy."), new Metadata());
        }

        @Override
        public void request(int numMessages) {}

        @Override
        public void cancel(String message, Throwable cause) {}

        @Override
        public void halfClose() {}

        @Override
        public void sendMessage(Q message) {}
      };
    }
  }
}
