package dev.offboarding.suprsend.cli.ops;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.Runs;
import dev.offboarding.suprsend.cli.Text;
import dev.offboarding.suprsend.contract.DistinctIds;
import dev.offboarding.suprsend.worker.TemporalConnection;
import io.temporal.client.WorkflowExecutionDescription;
import java.util.Optional;

/**
 * What {@code status} and the operator commands do first: check the id given, then find its latest
 * run, saying on stderr what is wrong when either fails.
 */
final class RunLookup {

  private final CliContext ctx;
  private final String id;
  private final String workflowId;

  private RunLookup(CliContext ctx, String id) {
    this.ctx = ctx;
    this.id = id;
    this.workflowId = ctx.idScheme().workflowIdFor(id);
  }

  /** A lookup for {@code id}, or empty after printing why it is not a distinct id. */
  static Optional<RunLookup> of(CliContext ctx, String id) {
    String problem = DistinctIds.problemWith(id);
    if (problem != null) {
      ctx.err().println("error: ID " + Text.quoted(id) + ": " + problem);
      return Optional.empty();
    }
    return Optional.of(new RunLookup(ctx, id));
  }

  /** The workflow id the id maps to under the configured id scheme. */
  String workflowId() {
    return workflowId;
  }

  /**
   * The latest run, or empty after printing {@code error: no offboarding found for 'ID' (workflow
   * id W<where>)<then>}.
   */
  Optional<WorkflowExecutionDescription> latest(
      TemporalConnection temporal, String where, String then) {
    Optional<WorkflowExecutionDescription> found = Runs.describe(temporal.client(), workflowId);
    if (found.isEmpty()) {
      ctx.err()
          .println(
              "error: no offboarding found for "
                  + Text.quoted(id)
                  + " (workflow id "
                  + Text.printable(workflowId)
                  + where
                  + ")"
                  + then);
    }
    return found;
  }
}
