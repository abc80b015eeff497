package dev.offboarding.suprsend.devtools.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.cli.Offboardings;
import dev.offboarding.suprsend.cli.RunResult;
import dev.offboarding.suprsend.cli.RunWatch;
import dev.offboarding.suprsend.devtools.testserver.EmbeddedTemporal;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.worker.OffboardingWorker;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dev server as the tools start it ({@link DevServer#LOW_LATENCY}) hands a plain run's delete
 * to the worker in the answer to the workflow task that scheduled it (eager activity execution),
 * without a trip through matching. The other knob, the rate of the history's task reader, shows
 * only in timings that depend on the machine (docs/benchmarks.md, "Where S1's time goes").
 */
class DevServerLatencyTest {

  private static final int RUNS = 7;

  @Test
  void aPlainRunsDeleteStartsInTheAnswerToTheWorkflowTaskThatScheduledIt() throws Exception {
    try (DevServer server =
            RealTemporal.start("latency", RealTemporal.options("latency").withoutUi());
        SuprSendSandbox sandbox = SuprSendSandbox.start(SandboxOptions.defaults())) {
      WorkflowServiceStubs service = EmbeddedTemporal.stubs(server.options().port());
      WorkflowClient client = RealTemporal.client(service);
      OffboardingWorker worker = RealTemporal.startWorker(client, sandbox, "latency");
      try {
        Offboardings offboardings = new Offboardings(client, "latency");
        RunWatch watch = new RunWatch(client);
        List<Long> deleteStartMicros = new ArrayList<>();
        for (int i = 0; i < RUNS + 1; i++) {
          String id = "latency-" + i;
          sandbox.addUser(id);
          Offboardings.StartedRun run = offboardings.start(id, null, "test");
          RunResult result = watch.await(run, Duration.ofSeconds(30), line -> {});
          assertThat(result.result()).isEqualTo("DELETED");
          if (i == 0) {
            continue; // class loading and JIT
          }
          List<HistoryEvent> events =
              client.fetchHistory(run.workflowId(), run.runId()).getEvents();
          deleteStartMicros.add(
              Duration.between(
                          at(events, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
                          at(events, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED))
                      .toNanos()
                  / 1_000);
        }

        // Eager: both events are written while the server handles the workflow task's answer,
        // microseconds apart; through matching, the start needs a task read and two more calls.
        assertThat(median(deleteStartMicros))
            .as("µs from scheduling the delete to its start: %s", deleteStartMicros)
            .isLessThan(1_000);
      } finally {
        worker.shutdown(Duration.ofSeconds(2));
        service.shutdownNow();
      }
    }
  }

  /** When the first event of {@code type} was written. */
  private static Instant at(List<HistoryEvent> events, EventType type) {
    HistoryEvent event =
        events.stream().filter(e -> e.getEventType() == type).findFirst().orElseThrow();
    com.google.protobuf.Timestamp time = event.getEventTime();
    return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
  }

  private static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }
}
