package dev.offboarding.suprsend.cli.ops;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.cli.Table;
import dev.offboarding.suprsend.cli.Temporal;
import dev.offboarding.suprsend.cli.TemporalUi;
import dev.offboarding.suprsend.cli.Text;
import dev.offboarding.suprsend.contract.ContractJson;
import dev.offboarding.suprsend.contract.NotificationResult;
import dev.offboarding.suprsend.contract.OperatorAction;
import dev.offboarding.suprsend.worker.TemporalConnection;
import io.temporal.client.WorkflowExecutionDescription;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./offboard status ID}: finds the latest run, reads its {@link RunView} ({@link
 * RunViewReader}) and prints it as a table or JSON.
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

  @Parameters(index = "0", paramLabel = "ID", description = "The SuprSend distinct id.")
  String id;

  @Option(names = "--json", description = "One JSON object instead of a table.")
  boolean json;

  private final CliContext ctx;

  StatusCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Optional<RunLookup> lookup = RunLookup.of(ctx, id);
    if (lookup.isEmpty()) {
      return ExitCodes.USAGE;
    }
    try (TemporalConnection temporal = Temporal.connect(ctx)) {
      Optional<WorkflowExecutionDescription> description =
          lookup
              .get()
              .latest(
                  temporal,
                  " in namespace " + temporal.namespace(),
                  ". Start one with ./offboard start " + Text.shellWord(id));
      if (description.isEmpty()) {
        return ExitCodes.USAGE;
      }
      RunView view = RunViewReader.read(temporal, id, description.get());
      if (json) {
        ctx.out().println(ContractJson.write(view));
      } else {
        print(view, TemporalUi.of(ctx).run(temporal.namespace(), view.workflowId(), view.runId()));
      }
      ctx.out().flush();
      return ExitCodes.OK;
    }
  }

  private void print(RunView v, String uiLink) {
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
    table.row("Temporal UI", uiLink);
    if (v.note() != null) {
      table.row("Note", v.note());
    }
    table.print(ctx.out());
  }
}
