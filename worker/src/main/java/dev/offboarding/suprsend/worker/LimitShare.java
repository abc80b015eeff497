package dev.offboarding.suprsend.worker;

import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces this worker at its share of the limit for all workers: every {@link #REFRESH_EVERY} it asks
 * Temporal how many workers poll the task queue for activities ({@code DescribeTaskQueue}), and
 * sets the {@link RequestPacer} to {@code min(per-worker limit, total limit / workers)} × {@link
 * WorkerTuning#PACING_SHARE}.
 *
 * <p>Why: the server's task-queue limit keeps the total at the limit, but hands tasks out in
 * bursts, and each worker pacing at the whole limit lets N workers send N times it for a moment.
 * SuprSend's limiter allows only a small burst, and answers the excess 429 (two workers at 15
 * requests/s against a burst of 10: 2 % of requests with both workers pacing at the whole limit, 5
 * % with the server's limit alone, none at their shares; docs/benchmarks.md). Paced at their
 * shares, the workers together stay evenly under the limit, and the server's limit remains the
 * bound if they miscount (a worker that just joined, one that just left).
 *
 * <p>Where the server cannot say (Temporal's Java test server, a refused call) the last count
 * stays, at first one worker: the per-worker limit, as before.
 */
final class LimitShare implements AutoCloseable {

  static final Duration REFRESH_EVERY = Duration.ofSeconds(5);

  /**
   * A poller not heard from for this long has gone: an idle worker polls again at least every
   * minute (the long-poll's timeout), a busy one far more often.
   */
  static final Duration POLLER_GONE_AFTER = Duration.ofSeconds(90);

  private static final Logger log = LoggerFactory.getLogger(LimitShare.class);

  private final WorkflowClient client;
  private final String taskQueue;
  private final RequestPacer pacer;
  private final double totalPerSecond;
  private final double workerPerSecond;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "limit-share");
            t.setDaemon(true);
            return t;
          });
  private volatile int workers = 1;
  // Read and written only by the single scheduler thread (and a test's direct call).
  private boolean failing;

  private LimitShare(
      WorkflowClient client,
      String taskQueue,
      RequestPacer pacer,
      double totalPerSecond,
      double workerPerSecond) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.pacer = pacer;
    this.totalPerSecond = totalPerSecond;
    this.workerPerSecond = workerPerSecond;
  }

  /** Starts counting the task queue's workers, at once and every {@link #REFRESH_EVERY}. */
  static LimitShare start(
      WorkflowClient client,
      String taskQueue,
      RequestPacer pacer,
      double totalPerSecond,
      double workerPerSecond) {
    LimitShare share = new LimitShare(client, taskQueue, pacer, totalPerSecond, workerPerSecond);
    // refresh() handles every failure itself, so the periodic task never ends by an exception.
    ScheduledFuture<?> unused =
        share.scheduler.scheduleWithFixedDelay(
            share::refresh, 0, REFRESH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return share;
  }

  /** The workers counted last (at least 1). */
  int workers() {
    return workers;
  }

  /** The rate this worker is paced at for {@code workers} workers. */
  static double rate(double totalPerSecond, double workerPerSecond, int workers) {
    return Math.min(workerPerSecond, totalPerSecond / Math.max(1, workers))
        * WorkerTuning.PACING_SHARE;
  }

  void refresh() {
    try {
      int counted = Math.max(1, pollers());
      if (counted != workers) {
        log.info(
            "{} workers poll task queue '{}': pacing SuprSend requests at {}/s",
            counted,
            taskQueue,
            String.format(Locale.ROOT, "%.2f", rate(totalPerSecond, workerPerSecond, counted)));
      }
      workers = counted;
      pacer.setRate(rate(totalPerSecond, workerPerSecond, counted));
      failing = false;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        warnOnce(e);
        return;
      }
      // Temporal's Java test server: it cannot count, and it ignores the task-queue limit anyway.
      log.info(
          "This Temporal server cannot count the workers of task queue '{}': each worker is paced"
              + " at its own limit ({} per worker; set it to the total divided by the"
              + " workers)",
          taskQueue,
          WorkerTuning.WORKER_REQUESTS_PER_SECOND);
      scheduler.shutdown();
    } catch (RuntimeException e) {
      warnOnce(e);
    }
  }

  /** Once per spell of failures (a key without the right to describe task queues, say). */
  private void warnOnce(RuntimeException e) {
    if (!failing) {
      log.warn(
          "Could not count the workers polling task queue '{}' ({}): pacing SuprSend requests as"
              + " for {} worker(s) until it can; the Temporal server's limit still holds the"
              + " total. Check that this worker's Temporal credentials may describe task queues.",
          taskQueue,
          e.getMessage(),
          workers);
    }
    failing = true;
  }

  /** Distinct identities that polled the task queue for activities lately. */
  private int pollers() {
    DescribeTaskQueueRequest request =
        DescribeTaskQueueRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
            .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)
            .build();
    long since = System.currentTimeMillis() - POLLER_GONE_AFTER.toMillis();
    Set<String> identities = new HashSet<>();
    for (PollerInfo poller :
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .withDeadlineAfter(5, TimeUnit.SECONDS)
            .describeTaskQueue(request)
            .getPollersList()) {
      if (!poller.hasLastAccessTime() || Timestamps.toMillis(poller.getLastAccessTime()) >= since) {
        identities.add(poller.getIdentity());
      }
    }
    return identities.size();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
