package dev.offboarding.suprsend.devtools.bench.floor;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Temporal's floor for the benchmark: the least a durable offboarding can be, one workflow with one
 * activity that sends the same DELETE as the real one. Registered only by the bench's worker.
 */
@WorkflowInterface
public interface FloorWorkflow {

  /** Deletes {@code distinctId} and returns SuprSend's HTTP status. */
  @WorkflowMethod(name = "BenchFloor")
  int offboard(String distinctId);
}
