package dev.offboarding.suprsend.devtools.bench.floor;

import dev.offboarding.suprsend.client.SuprSendClients;
import dev.offboarding.suprsend.client.SuprSendSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.net.URI;
import java.util.Map;

/**
 * Serves the floor workflow on {@link #TASK_QUEUE_VARIABLE}'s task queue in the bench's worker JVM,
 * beside the production worker, with Temporal's default worker options (which are also the
 * production worker's defaults).
 */
public final class FloorWorker {

  /** Set by the bench only: the task queue of the floor workflow. */
  public static final String TASK_QUEUE_VARIABLE = "BENCH_FLOOR_TASK_QUEUE";

  private FloorWorker() {}

  /** Starts the floor worker when {@code env} asks for one; returns whether it did. */
  public static boolean startIfAsked(Map<String, String> env) {
    String queue = env.get(TASK_QUEUE_VARIABLE);
    if (queue == null || queue.isBlank()) {
      return false;
    }
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(env.getOrDefault("TEMPORAL_ADDRESS", "127.0.0.1:7233"))
                .build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    var worker = factory.newWorker(queue);
    worker.registerWorkflowImplementationTypes(FloorWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new FloorDeleteImpl(
            SuprSendClients.userApi(
                SuprSendSettings.of(
                    URI.create(env.get("SUPRSEND_BASE_URL")), env.get("SUPRSEND_API_KEY")))));
    factory.start();
    return true;
  }
}
