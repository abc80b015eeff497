package dev.offboarding.suprsend.devtools.bench;

import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;

/** Waits until worker JVMs poll a task queue, so that no measurement includes their start. */
final class Pollers {

  private static final Duration LIMIT = Duration.ofSeconds(120);

  private Pollers() {}

  /** Returns when at least {@code workers} pollers ask {@code queue} for activities and tasks. */
  static void await(WorkflowClient client, String queue, int workers) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (identities(client, queue, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY) >= workers
          && identities(client, queue, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW) >= workers) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        workers
            + " worker(s) did not poll task queue "
            + queue
            + " within "
            + LIMIT.toSeconds()
            + " s");
  }

  private static long identities(WorkflowClient client, String queue, TaskQueueType type) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeTaskQueue(
            DescribeTaskQueueRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setTaskQueue(TaskQueue.newBuilder().setName(queue).build())
                .setTaskQueueType(type)
                .build())
        .getPollersList()
        .stream()
        .map(p -> p.getIdentity())
        .distinct()
        .count();
  }
}
