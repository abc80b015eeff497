package dev.offboarding.suprsend.devtools.realserver;

import static dev.offboarding.suprsend.cli.bulk.InProcessBulk.assertEveryUserWasDeletedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.cli.Offboardings;
import dev.offboarding.suprsend.cli.bulk.BulkOffboarding;
import dev.offboarding.suprsend.cli.bulk.InProcessBulk;
import dev.offboarding.suprsend.cli.bulk.ReportWriter;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.devtools.testserver.EmbeddedTemporal;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.worker.OffboardingWorker;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code bulk --wait} on the real server learns which runs closed from visibility, a few queries
 * for all open runs, instead of holding one long-poll per run.
 */
class BulkWaitOnRealServerTest {

  @Test
  void bulkWaitCollectsEveryResultThroughVisibilityWithoutALongPollPerRun() throws Exception {
    int n = 40;
    List<String> ids = IntStream.range(0, n).mapToObj(i -> "visible-" + i).toList();
    try (DevServer server =
            RealTemporal.start("bulk-wait-visibility", RealTemporal.headless("bulk-wait"));
        SuprSendSandbox sandbox = SuprSendSandbox.start(SandboxOptions.defaults())) {
      sandbox.addUsers(ids);
      sandbox.setLatency(Duration.ofMillis(50));
      WorkflowServiceStubs service = EmbeddedTemporal.stubs(server.options().port());
      WorkflowClient client = RealTemporal.client(service);
      OffboardingWorker worker = RealTemporal.startWorker(client, sandbox, "bulk-visibility");
      try {
        BulkOffboarding bulk = InProcessBulk.waitingFor(client, "bulk-visibility", 8, 20);
        ConcurrentLinkedQueue<ReportWriter.Row> rows = new ConcurrentLinkedQueue<>();
        BulkOffboarding.Tally tally =
            InProcessBulk.run(bulk, ids, BulkOffboarding.Events.rowsOnly(rows::add));

        assertEveryUserWasDeletedOnce(tally, sandbox, n);
        assertThat(rows.stream().map(ReportWriter.Row::outcome).collect(Collectors.toSet()))
            .containsExactly("DELETED");
        assertThat(bulk.resultsSeenInVisibility())
            .as("every result found through visibility")
            .isEqualTo(n);
        assertThat(bulk.resultsLongPolled()).as("no run long-polled").isZero();
      } finally {
        worker.shutdown(Duration.ofSeconds(2));
        service.shutdownNow();
      }
    }
  }

  @Test
  void bulkWaitFindsRunsWaitingForAPersonThroughVisibilityAndQueriesOnlyThose() throws Exception {
    int plain = 12;
    int waiting = 3;
    List<String> plainIds = IntStream.range(0, plain).mapToObj(i -> "slow-" + i).toList();
    List<String> waitingIds = IntStream.range(0, waiting).mapToObj(i -> "approve-" + i).toList();
    try (DevServer server =
            RealTemporal.start("bulk-wait-waiting", RealTemporal.headless("bulk-waiting"));
        SuprSendSandbox sandbox = SuprSendSandbox.start(SandboxOptions.defaults())) {
      sandbox.addUsers(plainIds);
      sandbox.addUsers(waitingIds);
      // Every plain run stays open for more than a second: long enough for a status check.
      sandbox.setLatency(Duration.ofMillis(1_500));
      AtomicInteger statusQueries = new AtomicInteger();
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(server.address())
                  .setGrpcClientInterceptors(List.of(new QueryCount(statusQueries)))
                  .build());
      WorkflowClient client = RealTemporal.client(service);
      OffboardingWorker worker = RealTemporal.startWorker(client, sandbox, "bulk-waiting");
      try {
        Offboardings offboardings = new Offboardings(client, "bulk-waiting");
        for (String id : waitingIds) {
          offboardings.start(new OffboardingRequest(id, null, "test").withApproval(true));
        }
        statusQueries.set(0);
        BulkOffboarding bulk = InProcessBulk.waitingFor(client, "bulk-waiting", 8, 20);
        List<String> input = Stream.concat(waitingIds.stream(), plainIds.stream()).toList();
        InProcessBulk.run(bulk, input, BulkOffboarding.Events.rowsOnly(row -> {}));

        assertThat(bulk.tally().outcome("DELETED")).isEqualTo(plain);
        assertThat(bulk.tally().outcome("AWAITING_APPROVAL")).isEqualTo(waiting);
        assertThat(bulk.waitingSeenInVisibility()).isEqualTo(waiting);
        assertThat(statusQueries.get())
            .as("a status query for each waiting run, none for the runs at work")
            .isEqualTo(waiting);
        assertThat(bulk.resultsLongPolled()).as("no run watched alone").isZero();
        assertThat(sandbox.requests().stream().filter(r -> r.method().equals("DELETE")).count())
            .as("no delete for the waiting runs")
            .isEqualTo(plain);
      } finally {
        worker.shutdown(Duration.ofSeconds(2));
        service.shutdownNow();
      }
    }
  }

  /** Counts the workflow queries sent. */
  private record QueryCount(AtomicInteger count) implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      if ("QueryWorkflow".equals(method.getBareMethodName())) {
        count.incrementAndGet();
      }
      return next.newCall(method, options);
    }
  }
}
