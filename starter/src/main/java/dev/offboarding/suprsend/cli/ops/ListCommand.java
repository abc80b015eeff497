package dev.offboarding.suprsend.cli.ops;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.cli.Runs;
import dev.offboarding.suprsend.cli.Table;
import dev.offboarding.suprsend.cli.Temporal;
import dev.offboarding.suprsend.cli.TemporalUi;
import dev.offboarding.suprsend.cli.Text;
import dev.offboarding.suprsend.contract.ContractJson;
import dev.offboarding.suprsend.contract.IdScheme;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingSearchAttributes;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.worker.TemporalConnection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./offboard list}: the operators' list view, from Temporal's visibility store
 * (ListWorkflowExecutions / CountWorkflowExecutions on {@code WorkflowType="UserOffboarding"} and
 * the {@code OffboardingState} search attribute): the same runs the Temporal UI's filter shows. A
 * server without visibility queries (Temporal's Java test server) is reported, never shown as an
 * empty list.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List offboardings from Temporal's visibility store: id, state (the OffboardingState search"
          + " attribute), Temporal status, start time, workflow id; newest first.",
      "  ./offboard list --state NEEDS_ATTENTION     the runs that wait for an operator",
      "  ./offboard list --counts                    how many runs are in each state",
      "Needs a real Temporal server (./offboard dev, docker-compose, Temporal Cloud): Temporal's Java"
          + " test server has no list queries (exit code 2)."
    },
    footer = ExitCodes.FOOTER)
public final class ListCommand implements Callable<Integer> {

  /** The most runs one call lists. */
  static final int MAX_LIMIT = 10_000;

  @Option(
      names = "--state",
      paramLabel = "STATE",
      description = "Only runs in this state (e.g. NEEDS_ATTENTION, GRACE_PERIOD, COMPLETED).")
  String state;

  @Option(
      names = "--query",
      paramLabel = "VISIBILITY_QUERY",
      description =
          "A further visibility query, ANDed to the others, e.g. 'ExecutionStatus=\"Running\"' or"
              + " 'StartTime > \"2026-01-01T00:00:00Z\"'.")
  String query;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "100",
      description = "At most N runs (default: ${DEFAULT-VALUE}, at most " + MAX_LIMIT + ").")
  int limit;

  @Option(names = "--counts", description = "How many runs are in each state, instead of the runs.")
  boolean counts;

  @Option(names = "--json", description = "One JSON object a line (with --counts: one object).")
  boolean json;

  private final CliContext ctx;

  ListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** One run as listed. {@code distinctId} is null when the workflow id is a hash. */
  record Row(
      String distinctId,
      String state,
      String status,
      Instant startedAt,
      Instant closedAt,
      String workflowId,
      String runId) {}

  /** The counts: all offboardings (matching --query), and by state. */
  record Counts(String query, long total, Map<String, Long> byState, long withoutState) {}

  @Override
  public Integer call() {
    if (limit < 1 || limit > MAX_LIMIT) {
      ctx.err().println("error: --limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
      return ExitCodes.USAGE;
    }
    OffboardingState only = null;
    if (state != null) {
      try {
        only = OffboardingState.valueOf(state.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        ctx.err()
            .println(
                "error: --state "
                    + Text.quoted(state)
                    + " is not a state; one of "
                    + Arrays.toString(OffboardingState.values()));
        return ExitCodes.USAGE;
      }
    }
    try (TemporalConnection temporal = Temporal.connect(ctx)) {
      try {
        return counts ? counts(temporal, only) : list(temporal, only);
      } catch (RuntimeException e) {
        StatusRuntimeException grpc = grpcCause(e);
        if (grpc == null) {
          throw e;
        }
        if (grpc.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
          ctx.err()
              .println(
                  "error: the Temporal server at "
                      + temporal.address()
                      + " cannot list workflows (it answered UNIMPLEMENTED: no visibility store, as"
                      + " Temporal's Java test server, e.g. ./offboard dev --embedded). Use a real"
                      + " Temporal server (./offboard dev, docker-compose, Temporal Cloud); for one"
                      + " run, ./offboard status ID works everywhere.");
          return ExitCodes.USAGE;
        }
        if (grpc.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
          ctx.err()
              .println(
                  "error: Temporal refused the query ("
                      + Text.printable(Text.orDash(grpc.getStatus().getDescription()))
                      + "). Is the "
                      + OffboardingSearchAttributes.STATE_NAME
                      + " search attribute registered (./offboard check)? Is --query valid?");
          return ExitCodes.USAGE;
        }
        throw e;
      }
    }
  }

  private int list(TemporalConnection temporal, OffboardingState only) {
    String visibility =
        query(only == null ? TemporalUi.ALL_OFFBOARDINGS : TemporalUi.inState(only));
    IdScheme scheme = ctx.idScheme();
    List<Row> rows;
    try (Stream<WorkflowExecutionMetadata> runs = temporal.client().listExecutions(visibility)) {
      rows = runs.limit(limit + 1L).map(run -> row(run, scheme)).toList();
    }
    boolean more = rows.size() > limit;
    rows = more ? rows.subList(0, limit) : rows;
    if (json) {
      rows.forEach(row -> ctx.out().println(ContractJson.write(row)));
    } else {
      Table table = new Table("ID", "STATE", "STATUS", "STARTED", "WORKFLOW ID");
      for (Row r : rows) {
        table.row(
            r.distinctId() == null ? "(hashed)" : r.distinctId(),
            r.state(),
            r.status(),
            Text.time(r.startedAt()),
            r.workflowId());
      }
      table.print(ctx.out());
    }
    ctx.out().flush();
    ctx.err()
        .println(
            Text.count(rows.size(), "run", "runs")
                + (more ? " (more match: raise --limit or narrow the query)" : "")
                + "; in the Temporal UI: "
                + TemporalUi.of(ctx).list(temporal.namespace(), visibility));
    return ExitCodes.OK;
  }

  private int counts(TemporalConnection temporal, OffboardingState only) {
    String all = query(TemporalUi.ALL_OFFBOARDINGS);
    long total = temporal.client().countWorkflows(all).getCount();
    // The visibility store groups counts by ExecutionStatus only: one count per state instead.
    Map<String, Long> byState = new LinkedHashMap<>();
    long counted = 0;
    for (OffboardingState s :
        only == null ? OffboardingState.values() : new OffboardingState[] {only}) {
      long n = temporal.client().countWorkflows(query(TemporalUi.inState(s))).getCount();
      byState.put(s.name(), n);
      counted += n;
    }
    long withoutState = only == null ? Math.max(0, total - counted) : 0;
    if (json) {
      ctx.out().println(ContractJson.write(new Counts(all, total, byState, withoutState)));
    } else {
      Table table = new Table("STATE", "RUNS");
      byState.forEach(table::row);
      if (withoutState > 0) {
        table.row("(no state yet)", withoutState);
      }
      table.row("all offboardings", total);
      table.print(ctx.out());
    }
    ctx.out().flush();
    return ExitCodes.OK;
  }

  /** {@code base}, ANDed with {@code --query} when given. */
  private String query(String base) {
    return query == null || query.isBlank() ? base : base + " AND (" + query.trim() + ")";
  }

  private static Row row(WorkflowExecutionMetadata run, IdScheme scheme) {
    String workflowId = run.getExecution().getWorkflowId();
    String distinctId =
        scheme == IdScheme.PLAIN && workflowId.startsWith(OffboardingIds.WORKFLOW_ID_PREFIX)
            ? workflowId.substring(OffboardingIds.WORKFLOW_ID_PREFIX.length())
            : null;
    String runState = run.getTypedSearchAttributes().get(OffboardingSearchAttributes.STATE);
    return new Row(
        distinctId,
        runState,
        Runs.statusName(run.getStatus()),
        run.getStartTime(),
        run.getCloseTime(),
        workflowId,
        run.getExecution().getRunId());
  }

  private static StatusRuntimeException grpcCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return s;
      }
    }
    return null;
  }
}
