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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The results of a batch's runs without one long-poll or {@code status} query per open run: every
 * {@link #POLL_EVERY} one visibility query asks which of the open runs have closed, or wait for a
 * person ({@code OffboardingState}, which the workflow sets whenever it starts to wait: {@link
 * RunResult#WAITING}). Only those are read: a closed run's result once, a waiting run's {@code
 * status} once (at most every {@link RunWatch#WAITING_CHECK_EVERY}, while it still waits in
 * visibility), as {@link RunWatch#waiting} tells it. A run that is simply working costs nothing but
 * its share of the query.
 *
 * <p>Where the server has no visibility queries (Temporal's Java test server) the first query is
 * refused, and from then on every run is watched as {@link RunWatch#resultAsync} does (a long-poll
 * and its own {@code status} checks); so is a run whose workflow id cannot be quoted in a query, a
 * run that had closed before the batch, and a run that continued as new.
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

  /**
   * How the results came in, for tests and the benchmark.
   *
   * @param waitingSeenInVisibility runs found waiting for a person through visibility
   * @param statusQueries {@code status} queries sent to runs visibility showed waiting
   */
  record Counts(
      long closedSeenInVisibility,
      long longPolled,
      long queries,
      long waitingSeenInVisibility,
      long statusQueries) {}

  /** An open run and its result, completed here; when its {@code status} was last asked. */
  private static final class Open {
    final Offboardings.StartedRun run;
    final CompletableFuture<RunResult> result;
    long askedAt;
    boolean asked;

    Open(Offboardings.StartedRun run, CompletableFuture<RunResult> result) {
      this.run = run;
      this.result = result;
    }

    Offboardings.StartedRun run() {
      return run;
    }
  }

  private static final String WAITING_STATES =
      RunResult.WAITING.stream()
          .map(state -> "'" + state.name() + "'")
          .sorted()
          .collect(Collectors.joining(","));

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
  private final AtomicLong waitingSeen = new AtomicLong();
  private final AtomicLong statusQueries = new AtomicLong();
  private volatile boolean visibility = true;
  // When the current outage began (System.nanoTime()), or null while Temporal answers. Read and
  // written only by poll(), on the single poller thread, hence neither volatile nor atomic.
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
    CompletableFuture<RunResult> result = new CompletableFuture<>();
    open.put(run.runId(), new Open(run, result));
    if (!visibility && open.remove(run.runId()) != null) {
      // Visibility was refused meanwhile, and the poll that moved the open runs missed this one.
      longPolled.incrementAndGet();
      watchAlone(new Open(run, result));
    }
    return result;
  }

  Counts counts() {
    return new Counts(
        seen.get(), longPolled.get(), queries.get(), waitingSeen.get(), statusQueries.get());
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
        for (Open o : new ArrayList<>(open.values())) {
          if (open.remove(o.run().runId()) != null) {
            o.result.completeExceptionally(e);
          }
        }
        return;
      }
      // No visibility queries here (the test server): watch every open run alone instead.
      visibility = false;
      for (Open o : new ArrayList<>(open.values())) {
        if (open.remove(o.run().runId()) != null) {
          longPolled.incrementAndGet();
          watchAlone(o);
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
    // Closed since the batch began, or open and waiting for a person.
    String query =
        "WorkflowId IN ("
            + ids
            + ") AND ((ExecutionStatus != 'Running' AND CloseTime >= '"
            + closedSince
            + "') OR (ExecutionStatus = 'Running' AND OffboardingState IN ("
            + WAITING_STATES
            + ")))";
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
        String runId = info.getExecution().getRunId();
        if (info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
          Open o = open.get(runId);
          if (o != null) {
            askWhetherItWaits(o);
          }
          continue;
        }
        Open o = open.remove(runId);
        if (o == null) {
          continue;
        }
        seen.incrementAndGet();
        if (info.getStatus()
            == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
          // The offboarding goes on in a new run: watched alone from here, as before.
          watchAlone(o);
        } else {
          forward(o);
        }
      }
      token = page.getNextPageToken().isEmpty() ? null : page.getNextPageToken().toByteArray();
    } while (token != null);
  }

  /**
   * A run visibility shows waiting for a person: its {@code status} says where it waits (at most
   * every {@link RunWatch#WAITING_CHECK_EVERY}; visibility may still show a state the run just
   * left, and then the run stays open here).
   */
  private void askWhetherItWaits(Open o) {
    long now = System.nanoTime();
    if (o.asked && now - o.askedAt < RunWatch.WAITING_CHECK_EVERY.toNanos()) {
      return;
    }
    if (!o.asked) {
      waitingSeen.incrementAndGet();
    }
    o.asked = true;
    o.askedAt = now;
    statusQueries.incrementAndGet();
    Optional<RunResult> waits = watch.waiting(o.run());
    if (waits.isPresent() && open.remove(o.run().runId()) != null) {
      o.result.complete(waits.get());
    }
  }

  /** Reads the run's end (one read when it has closed) into its result. */
  private void forward(Open o) {
    complete(o, watch.endAsync(o.run()));
  }

  /** Watches the run as {@link RunWatch#resultAsync} does: a long-poll and its own checks. */
  private void watchAlone(Open o) {
    complete(o, watch.resultAsync(o.run()));
  }

  private static void complete(Open o, CompletableFuture<RunResult> from) {
    // `o.result` carries the outcome; the future whenComplete returns adds nothing to it.
    CompletableFuture<RunResult> unused =
        from.whenComplete(
            (result, error) -> {
              if (error != null) {
                o.result.completeExceptionally(error);
              } else {
                o.result.complete(result);
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
