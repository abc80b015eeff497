package dev.offboarding.suprsend.cli.bulk;

import dev.offboarding.suprsend.cli.Offboardings;
import dev.offboarding.suprsend.cli.RunResult;
import dev.offboarding.suprsend.cli.RunWatch;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The results of a batch's runs without one long-poll per open run: every {@link #POLL_EVERY} one
 * visibility query asks which of the open runs have closed ({@code WorkflowId IN (...) AND
 * ExecutionStatus != 'Running'}), and only those are read, once each. Runs that wait for a person
 * are found as before ({@link RunWatch#resultAsync(Offboardings.StartedRun, CompletableFuture)}).
 *
 * <p>Where the server has no visibility queries (Temporal's Java test server) the first query is
 * refused, and from then on every run is long-polled as {@link RunWatch#resultAsync} does; so is a
 * run whose workflow id cannot be quoted in a query, and a run that had closed before the batch.
 */
final class BatchResults implements AutoCloseable {

  static final Duration POLL_EVERY = Duration.ofMillis(250);

  /**
   * How long an unreachable Temporal is waited for before the batch gives up: as long as the SDK
   * retries a start or a describe (its default RPC retry expiration), so a server restart or a
   * database restart of a few seconds does not end a {@code bulk --wait}.
   */
  static final Duration OUTAGE_TOLERANCE = Duration.ofMinutes(1);

  /** Query text per request, at most (ids of up to 512 bytes each). */
  static final int MAX_QUERY_CHARS = 16_000;

  /** How the results came in, for tests and the benchmark. */
  record Counts(long closedSeenInVisibility, long longPolled, long queries) {}

  private record Open(Offboardings.StartedRun run, CompletableFuture<RunResult> ended) {}

  private final RunWatch watch;
  private final WorkflowClient client;
  // Runs that close after this; a minute before the batch, for clock skew between client and
  // server.
  private final String closedSince;
  private final Map<String, Open> open = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bulk-closed-runs");
            t.setDaemon(true);
            return t;
          });
  private final AtomicLong seen = new AtomicLong();
  private final AtomicLong longPolled = new AtomicLong();
  private final AtomicLong queries = new AtomicLong();
  private volatile boolean visibility = true;
  // When the current outage began (System.nanoTime()), or null while Temporal answers.
  private Long unreachableSince;

  BatchResults(RunWatch watch) {
    this.watch = watch;
    this.client = watch.client();
    this.closedSince =
        Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS).toString();
    // poll() handles every failure itself, so the periodic task never ends by an exception.
    ScheduledFuture<?> unused =
        poller.scheduleWithFixedDelay(
            this::poll, POLL_EVERY.toMillis(), POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The run's result, as {@link RunWatch#resultAsync(Offboardings.StartedRun)} gives it. */
  CompletableFuture<RunResult> resultAsync(Offboardings.StartedRun run) {
    if (!visibility
        || run.kind() == Offboardings.StartKind.ALREADY_COMPLETED
        || !quotable(run.workflowId())
        || run.runId() == null) {
      longPolled.incrementAndGet();
      return watch.resultAsync(run);
    }
    CompletableFuture<RunResult> ended = new CompletableFuture<>();
    open.put(run.runId(), new Open(run, ended));
    CompletableFuture<RunResult> first = watch.resultAsync(run, ended);
    // Forgotten once answered, e.g. when the run waits for a person.
    CompletableFuture<RunResult> forgotten =
        first.whenComplete((result, error) -> open.remove(run.runId()));
    return forgotten;
  }

  Counts counts() {
    return new Counts(seen.get(), longPolled.get(), queries.get());
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }

  private void poll() {
    if (open.isEmpty() || !visibility) {
      return;
    }
    try {
      for (List<Open> chunk : chunks(new ArrayList<>(open.values()))) {
        closed(chunk);
      }
      unreachableSince = null;
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
        long now = System.nanoTime();
        if (unreachableSince == null) {
          unreachableSince = now;
        }
        if (now - unreachableSince < OUTAGE_TOLERANCE.toNanos()) {
          return; // Temporal may be restarting: the next round asks again.
        }
        // Lost for longer: the engine stops, as it does when a long-poll fails.
        open.values().forEach(o -> o.ended().completeExceptionally(e));
        open.clear();
        return;
      }
      // No visibility queries here (the test server): long-poll every open run instead.
      visibility = false;
      for (Open o : new ArrayList<>(open.values())) {
        if (open.remove(o.run().runId()) != null) {
          longPolled.incrementAndGet();
          forward(o);
        }
      }
    } catch (RuntimeException e) {
      // Next round.
    }
  }

  private void closed(List<Open> chunk) {
    StringBuilder ids = new StringBuilder();
    for (Open o : chunk) {
      ids.append(ids.length() == 0 ? "" : ",")
          .append('\'')
          .append(o.run().workflowId())
          .append('\'');
    }
    String query =
        "WorkflowId IN ("
            + ids
            + ") AND ExecutionStatus != 'Running' AND CloseTime >= '"
            + closedSince
            + "'";
    byte[] token = null;
    do {
      queries.incrementAndGet();
      ListWorkflowExecutionsRequest.Builder request =
          ListWorkflowExecutionsRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setQuery(query)
              .setPageSize(chunk.size() + 10);
      if (token != null) {
        request.setNextPageToken(com.google.protobuf.ByteString.copyFrom(token));
      }
      ListWorkflowExecutionsResponse page =
          client.getWorkflowServiceStubs().blockingStub().listWorkflowExecutions(request.build());
      for (WorkflowExecutionInfo info : page.getExecutionsList()) {
        if (info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
          continue;
        }
        Open o = open.remove(info.getExecution().getRunId());
        if (o != null) {
          seen.incrementAndGet();
          forward(o);
        }
      }
      token = page.getNextPageToken().isEmpty() ? null : page.getNextPageToken().toByteArray();
    } while (token != null);
  }

  /** Reads the run's end (one read when it has closed) into its future. */
  private void forward(Open o) {
    // `o.ended()` carries the outcome; the future whenComplete returns adds nothing to it.
    CompletableFuture<RunResult> unused =
        watch
            .endAsync(o.run())
            .whenComplete(
                (result, error) -> {
                  if (error != null) {
                    o.ended().completeExceptionally(error);
                  } else {
                    o.ended().complete(result);
                  }
                });
  }

  private static List<List<Open>> chunks(List<Open> all) {
    List<List<Open>> chunks = new ArrayList<>();
    List<Open> chunk = new ArrayList<>();
    int chars = 0;
    for (Open o : all) {
      int length = o.run().workflowId().length() + 3;
      if (!chunk.isEmpty() && chars + length > MAX_QUERY_CHARS) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        chars = 0;
      }
      chunk.add(o);
      chars += length;
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  /** Whether {@code workflowId} can stand in single quotes in a query as it is. */
  static boolean quotable(String workflowId) {
    return workflowId != null
        && workflowId.chars().allMatch(c -> c >= 0x20 && c != '\'' && c != '\\' && c != 0x7f);
  }
}
