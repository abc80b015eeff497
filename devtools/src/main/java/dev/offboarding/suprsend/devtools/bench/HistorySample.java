package dev.offboarding.suprsend.devtools.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;

/** Events and serialized bytes of a few runs' histories (what Temporal stores and bills). */
final class HistorySample {

  private HistorySample() {}

  /** {@code cost} with the mean events and bytes of {@code workflowIds}' latest runs. */
  static RunCost of(WorkflowClient client, List<String> workflowIds, RunCost cost) {
    if (workflowIds.isEmpty()) {
      return cost;
    }
    long events = 0;
    long bytes = 0;
    for (String id : workflowIds) {
      WorkflowExecutionHistory history = client.fetchHistory(id);
      events += history.getEvents().size();
      bytes += history.getHistory().getSerializedSize();
    }
    return cost.withHistory(
        events / (double) workflowIds.size(), bytes / (double) workflowIds.size());
  }
}
