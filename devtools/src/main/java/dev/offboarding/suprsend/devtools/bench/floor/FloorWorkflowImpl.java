package dev.offboarding.suprsend.devtools.bench.floor;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** One activity, Temporal's default retry policy, nothing else. */
public final class FloorWorkflowImpl implements FloorWorkflow {

  private final FloorDelete delete =
      Workflow.newActivityStub(
          FloorDelete.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

  @Override
  public int offboard(String distinctId) {
    return delete.delete(distinctId);
  }
}
