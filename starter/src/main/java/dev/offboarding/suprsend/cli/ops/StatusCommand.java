package dev.offboarding.suprsend.cli.ops;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.cli.Offboardings;
import dev.offboarding.suprsend.cli.PendingDelete;
import dev.offboarding.suprsend.cli.RunResult;
import dev.offboarding.suprsend.cli.Table;
import dev.offboarding.suprsend.cli.Temporal;
import dev.offboarding.suprsend.cli.Text;
import dev.offboarding.suprsend.contract.ContractJson;
import dev.offboarding.suprsend.contract.DistinctIds;
import dev.offboarding.suprsend.contract.NotificationResult;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import dev.offboarding.suprsend.contract.OperatorAction;
import dev.offboarding.suprsend.worker.TemporalConnection;
import dev.offboarding.suprsend.workflow.OperatorCommands;
import dev.offboarding.suprsend.workflow.UserOffboarding;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./offboard status ID}: the workflow's own {@code status} query merged with Temporal's
 * description of the run (its status, and for a delete being retried the live attempt number, last
 * failure and next attempt time). Uses no list or count queries, so it works on the test server.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Where an offboarding stands: state, attempts, last error, outcome, Temporal status.",
      "Shows the latest run of suprsend-offboarding:<ID>. Exit code 0 whenever a run was found."
    },
    footer = ExitCodes.FOOTER)
public final class StatusCommand implements Callable<Integer> {

  /** The workflow's query name (see {@code UserOffboarding#status}). */
  static final String STATUS_QUERY = UserOffboarding.Queries.STATUS;

  /** How long the status query may take before the view is shown without it. */
  static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

  @Parameters(index = "0", paramLabel = "ID", description = "The SuprSend distinct id.")
  String id;

  @Option(names = "--json", description = "One JSON object instead of a table.")
  boolean json;

  private final CliContext ctx;

  StatusCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /**
   * The merged view.
   *
   * @param temporalStatus Temporal's status of the run (RUNNING, COMPLETED, FAILED, ...)
   * @param state the offboarding's own state
   * @param attempts delete attempts so far (the current one included while it runs)
   * @param lastError the last failure message, or null
   * @param nextAttemptAt when the next delete attempt is due, or null
   * @param outcome DELETED or ALREADY_ABSENT once completed, else null
   * @param failureType why the run failed, or null
   * @param note anything else worth knowing (e.g. no worker answered the query)
   * @param waitingFor what an open run waits for, or null
   * @param commands the {@code ./offboard} commands that move it on
   * @param dueBy when the offboarding must be finished, or null (runs started before the saga)
   * @param finishedInTime for a completed run: whether it finished by {@code dueBy}
   * @param suspendedFromLists the subscriber lists the user was taken out of while waiting
   * @param operatorActions every operator decision
   * @param notifications every notification result
   */
  record View(
      String distinctId,
      String workflowId,
      String runId,
      String taskQueue,
      String temporalStatus,
      OffboardingState state,
      int attempts,
      String lastError,
      Instant nextAttemptAt,
      String outcome,
      Integer httpStatus,
      String failureType,
      Instant startedAt,
      Instant closedAt,
      String note,
      String waitingFor,
      List<String> commands,
      Instant dueBy,
      Boolean finishedInTime,
      List<String> suspendedFromLists,
      List<OperatorAction> operatorActions,
      List<NotificationResult> notifications) {}

  @Override
  public Integer call() {
    String problem = DistinctIds.problemWith(id);
    if (problem != null) {
      ctx.err().println("error: ID " + Text.quoted(id) + ": " + problem);
      return ExitCodes.USAGE;
    }
    String workflowId = ctx.idScheme().workflowIdFor(id);
    try (TemporalConnection temporal = Temporal.connect(ctx)) {
      Optional<WorkflowExecutionDescription> description =
          Offboardings.describe(temporal.client(), workflowId);
      if (description.isEmpty()) {
        ctx.err()
            .println(
                "error: no offboarding found for "
                    + Text.quoted(id)
                    + " (workflow id "
                    + Text.printable(workflowId)
                    + " in namespace "
                    + temporal.namespace()
                    + "). Start one with ./offboard start "
                    + Text.shellWord(id));
        return ExitCodes.USAGE;
      }
      View view = view(temporal, description.get());
      if (json) {
        ctx.out().println(ContractJson.write(view));
      } else {
        print(view);
      }
      ctx.out().flush();
      return ExitCodes.OK;
    }
  }

  private View view(TemporalConnection temporal, WorkflowExecutionDescription d) {
    WorkflowClient client = temporal.client();
    String workflowId = d.getExecution().getWorkflowId();
    String runId = d.getExecution().getRunId();
    WorkflowExecutionStatus status = d.getStatus();
    String temporalStatus = Offboardings.statusName(status);
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return running(temporal, d, workflowId, runId, temporalStatus);
    }
    WorkflowStub stub = Offboardings.stubFor(client, workflowId, runId);
    try {
      OffboardingReceipt receipt = stub.getResult(10, TimeUnit.SECONDS, OffboardingReceipt.class);
      return new View(
          id,
          workflowId,
          runId,
          d.getTaskQueue(),
          temporalStatus,
          OffboardingState.COMPLETED,
          receipt.attempts(),
          null,
          null,
          receipt.outcome().name(),
          receipt.httpStatus(),
          null,
          d.getStartTime(),
          d.getCloseTime(),
          null,
          null,
          List.of(),
          receipt.dueBy(),
          receipt.finishedInTime(),
          receipt.suspendedFromLists(),
          receipt.operatorActions(),
          receipt.notifications());
    } catch (WorkflowFailedException e) {
      RunResult failed = RunResult.failed(id, workflowId, runId, e);
      return new View(
          id,
          workflowId,
          runId,
          d.getTaskQueue(),
          temporalStatus,
          OffboardingState.FAILED,
          failed.attempts(),
          failed.error(),
          null,
          null,
          failed.httpStatus() == 0 ? null : failed.httpStatus(),
          failed.failureType(),
          d.getStartTime(),
          d.getCloseTime(),
          "a failed run may be started again: ./offboard start " + Text.shellWord(id),
          null,
          List.of(),
          null,
          null,
          List.of(),
          List.of(),
          List.of());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the closed run's result could not be read in 10s", e);
    }
  }

  /**
   * The workflow's {@code status} query with a short deadline of its own: without a worker the
   * SDK's stub would wait a minute for an answer that cannot come.
   */
  private static OffboardingStatus queryStatus(
      TemporalConnection temporal, String workflowId, String runId) {
    QueryWorkflowResponse response =
        temporal
            .service()
            .blockingStub()
            .withDeadlineAfter(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .queryWorkflow(
                QueryWorkflowRequest.newBuilder()
                    .setNamespace(temporal.namespace())
                    .setExecution(
                        WorkflowExecution.newBuilder()
                            .setWorkflowId(workflowId)
                            .setRunId(runId)
                            .build())
                    .setQuery(WorkflowQuery.newBuilder().setQueryType(STATUS_QUERY).build())
                    .build());
    if (response.hasQueryRejected()) {
      throw new IllegalStateException("query rejected: " + response.getQueryRejected());
    }
    return temporal
        .client()
        .getOptions()
        .getDataConverter()
        .fromPayloads(
            0,
            Optional.of(response.getQueryResult()),
            OffboardingStatus.class,
            OffboardingStatus.class);
  }

  private View running(
      TemporalConnection temporal,
      WorkflowExecutionDescription d,
      String workflowId,
      String runId,
      String temporalStatus) {
    OffboardingStatus query = null;
    String note = null;
    try {
      query = queryStatus(temporal, workflowId, runId);
    } catch (StatusRuntimeException e) {
      note =
          e.getStatus().getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED
              ? "the status query was not answered within "
                  + QUERY_TIMEOUT.toSeconds()
                  + "s: is a worker polling task queue "
                  + d.getTaskQueue()
                  + "? (./offboard worker, or ./offboard dev)"
              : "the status query failed ("
                  + e.getStatus().getCode()
                  + "): "
                  + e.getStatus().getDescription();
    } catch (IllegalStateException e) {
      note = "the status query failed: " + e.getMessage();
    }
    Optional<PendingDelete> pending = PendingDelete.in(d.getRawDescription());
    int attempts = query == null ? 0 : query.attempts();
    String lastError = query == null ? null : query.lastError();
    Instant next = null;
    if (pending.isPresent()) {
      PendingDelete p = pending.get();
      attempts = Math.max(attempts, p.attempt());
      if (p.lastFailure() != null) {
        lastError = p.lastFailure();
      }
      next = p.running() ? null : p.nextAttemptAt();
    }
    OffboardingState state =
        query != null ? query.state() : pending.isPresent() ? OffboardingState.DELETING : null;
    return new View(
        id,
        workflowId,
        runId,
        d.getTaskQueue(),
        temporalStatus,
        state,
        attempts,
        lastError,
        next,
        query == null || query.outcome() == null ? null : query.outcome().name(),
        query == null || query.httpStatus() == 0 ? null : query.httpStatus(),
        query == null ? null : query.failureType(),
        d.getStartTime(),
        null,
        note,
        query == null ? null : query.waitingFor(),
        query == null ? List.of() : OperatorCommands.forActions(id, query.allowedActions()),
        query == null ? null : query.dueBy(),
        null,
        query == null ? List.of() : query.suspendedFromLists(),
        query == null ? List.of() : query.operatorActions(),
        query == null ? List.of() : query.notifications());
  }

  private void print(View v) {
    Table table = Table.withoutHeader(2);
    table.row("ID", v.distinctId());
    table.row("Workflow", v.workflowId() + " (run " + v.runId() + ")");
    table.row("Temporal status", v.temporalStatus());
    table.row("State", v.state());
    table.row("Outcome", v.outcome() != null ? v.outcome() : v.failureType());
    table.row("HTTP status", v.httpStatus());
    table.row("Attempts", v.attempts() == 0 ? null : v.attempts());
    table.row("Last error", ctx.redact(v.lastError()));
    if (v.nextAttemptAt() != null) {
      Duration in = Duration.between(Instant.now(), v.nextAttemptAt());
      table.row("Next attempt", Text.time(v.nextAttemptAt()) + " (in " + Text.duration(in) + ")");
    }
    table.row("Started", Text.time(v.startedAt()));
    if (v.closedAt() != null) {
      table.row("Closed", Text.time(v.closedAt()));
    }
    table.row("Waiting for", v.waitingFor());
    for (int i = 0; i < v.commands().size(); i++) {
      table.row(i == 0 ? "Move it on" : "", v.commands().get(i));
    }
    if (v.dueBy() != null) {
      table.row(
          "Due by",
          Text.time(v.dueBy())
              + (v.finishedInTime() == null
                  ? Instant.now().isAfter(v.dueBy()) ? " (OVERDUE)" : ""
                  : v.finishedInTime() ? " (met)" : " (missed)"));
    }
    if (!v.suspendedFromLists().isEmpty()) {
      table.row("Suspended from", String.join(", ", v.suspendedFromLists()));
    }
    for (OperatorAction a : v.operatorActions()) {
      table.row(
          "Operator action",
          a.action()
              + " by "
              + a.operator()
              + " at "
              + Text.time(a.at())
              + (a.note() == null ? "" : ": " + a.note()));
    }
    for (NotificationResult n : v.notifications()) {
      table.row(
          "Notification",
          n.event() + " " + n.channel() + " " + n.status() + ": " + Text.orDash(n.detail()));
    }
    table.row("Task queue", v.taskQueue());
    if (v.note() != null) {
      table.row("Note", v.note());
    }
    table.print(ctx.out());
  }
}
