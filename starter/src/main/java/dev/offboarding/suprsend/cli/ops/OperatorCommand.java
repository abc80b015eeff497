package dev.offboarding.suprsend.cli.ops;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.cli.Runs;
import dev.offboarding.suprsend.cli.Temporal;
import dev.offboarding.suprsend.cli.Text;
import dev.offboarding.suprsend.contract.ContractJson;
import dev.offboarding.suprsend.contract.OperatorAction;
import dev.offboarding.suprsend.contract.OperatorRequest;
import dev.offboarding.suprsend.worker.TemporalConnection;
import dev.offboarding.suprsend.workflow.UserOffboarding;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowTargetOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.TemporalFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The operator commands ({@code approve}, {@code reject}, {@code cancel}, {@code retry}, {@code
 * skip}, {@code abort}): each sends the workflow's update of the same name with who decides and
 * why. The workflow's validator refuses an action that does not fit the run's state, with the
 * reason; that is exit code 2, like any bad input. Accepted actions are in the receipt.
 */
public abstract class OperatorCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ID", description = "The SuprSend distinct id.")
  String id;

  @Option(names = "--note", paramLabel = "TEXT", description = "Why (kept in the receipt).")
  String note;

  @Option(
      names = "--operator",
      paramLabel = "WHO",
      description = "Who decides (kept in the receipt); default: the OS user.")
  String operator;

  @Option(names = "--json", description = "The recorded action as one JSON object.")
  boolean json;

  private final CliContext ctx;
  private final String action;
  private final String effect;
  private final BiFunction<UserOffboarding, OperatorRequest, OperatorAction> update;

  /**
   * @param action the update's name
   * @param effect what happens next, in a few words
   * @param update sends the update
   */
  OperatorCommand(
      CliContext ctx,
      String action,
      String effect,
      BiFunction<UserOffboarding, OperatorRequest, OperatorAction> update) {
    this.ctx = ctx;
    this.action = action;
    this.effect = effect;
    this.update = update;
  }

  @Override
  public Integer call() {
    Optional<RunLookup> lookup = RunLookup.of(ctx, id);
    if (lookup.isEmpty()) {
      return ExitCodes.USAGE;
    }
    String who = operator != null && !operator.isBlank() ? operator.strip() : osUser();
    String workflowId = lookup.get().workflowId();
    try (TemporalConnection temporal = Temporal.connect(ctx)) {
      Optional<WorkflowExecutionDescription> found =
          lookup.get().latest(temporal, "", ": nothing to " + action);
      if (found.isEmpty()) {
        return ExitCodes.USAGE;
      }
      WorkflowExecutionDescription run = found.get();
      if (run.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        ctx.err()
            .println(
                "error: "
                    + action
                    + " refused: the run for "
                    + Text.quoted(id)
                    + " has ended ("
                    + Runs.statusName(run.getStatus())
                    + "); see ./offboard status "
                    + Text.shellWord(id));
        return ExitCodes.USAGE;
      }
      UserOffboarding stub =
          temporal
              .client()
              .newWorkflowStub(
                  UserOffboarding.class,
                  WorkflowTargetOptions.newBuilder()
                      .setWorkflowId(workflowId)
                      .setRunId(run.getExecution().getRunId())
                      .build());
      OperatorAction recorded;
      try {
        OperatorAction answered = update.apply(stub, new OperatorRequest(who, note));
        // The workflow stores the note once (with the request) and answers without it.
        recorded =
            new OperatorAction(
                answered.action(),
                answered.operator(),
                answered.at(),
                note == null || note.isBlank() ? null : note.strip());
      } catch (WorkflowUpdateException refused) {
        ctx.err().println("error: " + ctx.redact(rootMessage(refused)));
        return ExitCodes.USAGE;
      }
      if (json) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("distinctId", id);
        line.put("workflowId", workflowId);
        line.put("runId", run.getExecution().getRunId());
        line.put("accepted", recorded);
        ctx.out().println(ContractJson.write(line));
      } else {
        ctx.out()
            .println(
                action
                    + " accepted for "
                    + Text.printable(id)
                    + " (by "
                    + recorded.operator()
                    + " at "
                    + Text.time(recorded.at())
                    + "): "
                    + effect
                    + ". Follow it with ./offboard status "
                    + Text.shellWord(id));
      }
      ctx.out().flush();
      return ExitCodes.OK;
    }
  }

  private String osUser() {
    for (String name : new String[] {"USER", "LOGNAME", "USERNAME"}) {
      String value = ctx.getenv(name);
      if (value != null) {
        return value;
      }
    }
    String property = System.getProperty("user.name");
    return property == null || property.isBlank() ? "unknown" : property;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    // A validator's refusal arrives as an ApplicationFailure whose getMessage() also lists its type
    // and retry flag; the operator needs only the sentence.
    String message =
        t instanceof TemporalFailure failure ? failure.getOriginalMessage() : t.getMessage();
    // Temporal prefixes the validator's message with the exception's class name.
    int colon = message == null ? -1 : message.indexOf("Exception: ");
    return colon >= 0 ? message.substring(colon + "Exception: ".length()) : String.valueOf(message);
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approve the deletion of a run started with --require-approval.",
      footer = ExitCodes.FOOTER)
  public static final class Approve extends OperatorCommand {
    Approve(CliContext ctx) {
      super(
          ctx,
          "approve",
          "the delete follows once any grace period has ended",
          UserOffboarding::approve);
    }
  }

  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description =
          "Reject the deletion: the user is restored to their lists; the run ends REJECTED.",
      footer = ExitCodes.FOOTER)
  public static final class Reject extends OperatorCommand {
    Reject(CliContext ctx) {
      super(
          ctx,
          "reject",
          "the user is put back into their subscriber lists; the run ends REJECTED",
          UserOffboarding::reject);
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = {
        "Call an offboarding off during its grace period or approval: the user is restored to",
        "their subscriber lists and the run ends CANCELLED."
      },
      footer = ExitCodes.FOOTER)
  public static final class Cancel extends OperatorCommand {
    Cancel(CliContext ctx) {
      super(
          ctx,
          "cancel",
          "the user is put back into their subscriber lists; the run ends CANCELLED",
          UserOffboarding::cancel);
    }
  }

  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description = {
        "NEEDS_ATTENTION: run the failed step again with a fresh retry window (after fixing the",
        "cause, e.g. a rotated SUPRSEND_API_KEY)."
      },
      footer = ExitCodes.FOOTER)
  public static final class Retry extends OperatorCommand {
    Retry(CliContext ctx) {
      super(
          ctx,
          "retry",
          "the failed step runs again with a fresh retry window",
          UserOffboarding::retry);
    }
  }

  @Command(
      name = "skip",
      mixinStandardHelpOptions = true,
      description = {
        "NEEDS_ATTENTION after a failed delete: confirm the user is gone from SuprSend; the run",
        "ends SKIPPED_BY_OPERATOR. --note (how you know) is required."
      },
      footer = ExitCodes.FOOTER)
  public static final class Skip extends OperatorCommand {
    Skip(CliContext ctx) {
      super(ctx, "skip", "the run ends SKIPPED_BY_OPERATOR", UserOffboarding::skip);
    }
  }

  @Command(
      name = "abort",
      mixinStandardHelpOptions = true,
      description =
          "NEEDS_ATTENTION: give up; the user is restored to their lists; the run ends ABORTED.",
      footer = ExitCodes.FOOTER)
  public static final class Abort extends OperatorCommand {
    Abort(CliContext ctx) {
      super(
          ctx,
          "abort",
          "the user is put back into their subscriber lists; the run ends ABORTED",
          UserOffboarding::abort);
    }
  }
}
