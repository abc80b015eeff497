package dev.offboarding.suprsend.devtools.bench;

import dev.offboarding.suprsend.devtools.bench.floor.FloorWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts the floor workflow for every id and waits for every result, as the bulk engine does for
 * offboardings: at most {@code concurrency} starts in flight and {@code maxPending} runs open.
 */
final class FloorDriver {

  static final String WORKFLOW_ID_PREFIX = "bench-floor-";

  private FloorDriver() {}

  /** Returns how many runs failed. */
  static long run(
      WorkflowClient client, String taskQueue, List<String> ids, int concurrency, int maxPending)
      throws InterruptedException {
    Semaphore pending = new Semaphore(maxPending);
    CountDownLatch done = new CountDownLatch(ids.size());
    AtomicLong failed = new AtomicLong();
    ExecutorService starters = Executors.newFixedThreadPool(concurrency);
    try {
      for (String id : ids) {
        pending.acquire();
        starters.execute(
            () -> {
              try {
                FloorWorkflow run =
                    client.newWorkflowStub(
                        FloorWorkflow.class,
                        WorkflowOptions.newBuilder()
                            .setWorkflowId(WORKFLOW_ID_PREFIX + id)
                            .setTaskQueue(taskQueue)
                            .build());
                WorkflowClient.start(run::offboard, id);
                // The handler counts every end itself; its returned future adds nothing.
                CompletableFuture<Integer> unused =
                    WorkflowStub.fromTyped(run)
                        .getResultAsync(Integer.class)
                        .whenComplete(
                            (status, error) -> {
                              if (error != null) {
                                failed.incrementAndGet();
                              }
                              pending.release();
                              done.countDown();
                            });
              } catch (RuntimeException e) {
                failed.incrementAndGet();
                pending.release();
                done.countDown();
              }
            });
      }
      done.await();
    } finally {
      starters.shutdownNow();
    }
    return failed.get();
  }
}
