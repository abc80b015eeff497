package dev.offboarding.suprsend.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Temporal's visibility ({@code ListWorkflowExecutions}), which only the real server has: what an
 * operator's filter in the UI or {@code ./offboard list} sees. It trails the runs by a moment, so
 * tests wait for the answer they expect.
 */
final class Visibility {

  /** The query behind "which runs wait for an operator?". */
  static final String NEEDS_ATTENTION =
      "WorkflowType='UserOffboarding' AND OffboardingState='NEEDS_ATTENTION'";

  private static final int MAX_IDS = 10_000;

  private Visibility() {}

  /** The workflow ids {@code query} lists in namespace {@code default} (at most 10,000). */
  static List<String> workflowIds(WorkflowServiceStubs service, String query) {
    List<String> ids = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      ListWorkflowExecutionsResponse response =
          service
              .blockingStub()
              .listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace("default")
                      .setQuery(query)
                      .setPageSize(1_000)
                      .setNextPageToken(page)
                      .build());
      response.getExecutionsList().forEach(e -> ids.add(e.getExecution().getWorkflowId()));
      page = response.getNextPageToken();
    } while (!page.isEmpty() && ids.size() < MAX_IDS);
    return ids;
  }

  /** Waits (up to 30 s) until {@code query} lists exactly {@code expected}, in any order. */
  static void awaitExactly(
      WorkflowServiceStubs service, String query, Collection<String> expected) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThat(workflowIds(service, query))
                    .as(query)
                    .containsExactlyInAnyOrderElementsOf(expected));
  }
}
