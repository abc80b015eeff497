package dev.offboarding.suprsend.cli.ops;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.ExitCodes;
import dev.offboarding.suprsend.cli.Offboardings;
import dev.offboarding.suprsend.cli.RunResult;
import dev.offboarding.suprsend.cli.RunWatch;
import dev.offboarding.suprsend.cli.Table;
import dev.offboarding.suprsend.cli.Temporal;
import dev.offboarding.suprsend.cli.Text;
import dev.offboarding.suprsend.contract.ContractJson;
import dev.offboarding.suprsend.contract.DistinctIds;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.RequestTerms;
import dev.offboarding.suprsend.worker.TemporalConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./offboard start ID...}: one UserOffboarding per id, optionally waiting for receipts. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start offboarding users: one UserOffboarding workflow per distinct id, with the workflow id"
          + " suprsend-offboarding:<ID>.",
      "Starting a user twice never deletes twice: an open run is returned as it is, and after a"
          + " completed run nothing new starts (with --wait its receipt is printed).",
      "A person's decision stands: after a run ended REJECTED, CANCELLED or ABORTED nothing"
          + " starts (\"called off earlier: not started\", exit code 3) unless --again is given;"
          + " a new run after a rejection waits for approval again unless"
          + " --require-approval=false says otherwise."
    },
    footer = ExitCodes.FOOTER)
public final class StartCommand implements Callable<Integer> {

  /** How often a slow --wait reports where a run stands (on stderr). */
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

  @Parameters(
      arity = "1..*",
      paramLabel = "ID",
      description = "SuprSend distinct ids (use -- before ids that start with '-').")
  List<String> ids;

  @Option(names = "--reason", paramLabel = "R", description = "Why (shown in the receipt).")
  String reason;

  @Option(
      names = "--requested-by",
      paramLabel = "WHO",
      description = "Who asked for it: a person, a ticket, a service (shown in the receipt).")
  String requestedBy;

  @Option(
      names = "--grace-period",
      paramLabel = "ISO-DURATION",
      description =
          "Wait this long before deleting (ISO-8601, e.g. PT72H); the user is suspended from"
              + " their subscriber lists meanwhile and ./offboard cancel ID calls it off.")
  String gracePeriod;

  @Option(
      names = "--require-approval",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      description =
          "Wait for ./offboard approve ID (or reject) before deleting. After a rejected run,"
              + " --again requires approval unless this says false.")
  Boolean requireApproval;

  @Option(
      names = "--again",
      description =
          "Start a new run even though a person called the last one off (REJECTED, CANCELLED,"
              + " ABORTED); without it such a user is not started.")
  boolean again;

  @Option(
      names = "--due-by",
      paramLabel = "ISO-TIME",
      description =
          "When the offboarding must be finished (e.g. 2026-12-28T00:00:00Z); default one month"
              + " after the start. Runs still open near or past it send escalations.")
  String dueBy;

  @Option(
      names = "--wait",
      description =
          "Wait for each run and print its receipt; stops waiting (exit code 3) when a run waits"
              + " for a person (approval, a decision after a failure) or its grace period.")
  boolean wait;

  @Option(names = "--json", description = "One JSON object per line instead of a table.")
  boolean json;

  @Option(
      names = "--task-queue",
      paramLabel = "Q",
      description = "Task queue (default: $OFFBOARDING_TASK_QUEUE, else suprsend-offboarding).")
  String taskQueue;

  private final CliContext ctx;

  StartCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String problem = DistinctIds.problemWith(ids.get(i));
      if (problem != null) {
        problems.add("ID #" + (i + 1) + " " + Text.quoted(ids.get(i)) + ": " + problem);
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> ctx.err().println("error: " + p));
      ctx.err().println("Nothing was started. Fix the ids above and run the command again.");
      return ExitCodes.USAGE;
    }
    List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
    String termsProblem = RequestTerms.problemWith(request(unique.get(0)), java.time.Instant.now());
    if (termsProblem != null) {
      ctx.err().println("error: " + termsProblem);
      ctx.err().println("Nothing was started.");
      return ExitCodes.USAGE;
    }

    try (TemporalConnection temporal = Temporal.connect(ctx)) {
      Offboardings offboardings =
          new Offboardings(temporal.client(), ctx.taskQueue(taskQueue), ctx.idScheme());
      List<Offboardings.StartedRun> started = new ArrayList<>();
      Offboardings.Again policy =
          !again
              ? Offboardings.Again.NEVER
              : requireApproval == null
                  ? Offboardings.Again.KEEP_APPROVAL
                  : Offboardings.Again.AS_REQUESTED;
      for (String id : unique) {
        started.add(offboardings.start(request(id), policy));
      }
      return wait ? waitAndPrint(new RunWatch(temporal.client()), started) : printStarted(started);
    }
  }

  private OffboardingRequest request(String id) {
    return new OffboardingRequest(
        id, reason, requestedBy, gracePeriod, Boolean.TRUE.equals(requireApproval), dueBy);
  }

  private int printStarted(List<Offboardings.StartedRun> started) {
    if (json) {
      for (Offboardings.StartedRun run : started) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("distinctId", run.distinctId());
        line.put("workflowId", run.workflowId());
        line.put("runId", run.runId());
        line.put("start", run.kind().name());
        ctx.out().println(ContractJson.write(line));
      }
      ctx.out().flush();
    } else {
      Table table = new Table("ID", "WORKFLOW ID", "RUN ID", "NOTE");
      started.forEach(
          run -> table.row(run.distinctId(), run.workflowId(), run.runId(), run.note()));
      table.print(ctx.out());
      ctx.err()
          .println(
              "Follow a run with ./offboard status ID, or start with --wait to wait for receipts.");
    }
    return calledOff(started) ? ExitCodes.NOT_COMPLETED : ExitCodes.OK;
  }

  /** True (after saying how to override it) when a person had called off some user's last run. */
  private boolean calledOff(List<Offboardings.StartedRun> started) {
    List<Offboardings.StartedRun> calledOff =
        started.stream().filter(r -> r.kind() == Offboardings.StartKind.CALLED_OFF).toList();
    for (Offboardings.StartedRun run : calledOff) {
      ctx.err()
          .println(
              Text.printable(run.distinctId())
                  + ": "
                  + run.note()
                  + ". The decision stands; to override it: ./offboard start --again "
                  + Text.shellWord(run.distinctId()));
    }
    return !calledOff.isEmpty();
  }

  private int waitAndPrint(RunWatch watch, List<Offboardings.StartedRun> started) {
    List<RunResult> results = new ArrayList<>();
    for (Offboardings.StartedRun run : started) {
      RunResult result = watch.await(run, PROGRESS_EVERY, line -> ctx.err().println(line));
      results.add(result);
      if (json) {
        ctx.out().println(ContractJson.write(result.toJson()));
        ctx.out().flush();
      }
    }
    if (!json) {
      Table table = new Table("ID", "OUTCOME", "HTTP", "ATTEMPTS", "NOTE");
      for (int i = 0; i < results.size(); i++) {
        RunResult r = results.get(i);
        boolean calledOff = started.get(i).kind() == Offboardings.StartKind.CALLED_OFF;
        table.row(
            r.distinctId(),
            r.result(),
            r.httpStatus() == 0 ? null : r.httpStatus(),
            r.attempts() == 0 ? null : r.attempts(),
            ctx.redact(r.removedTheUser() || calledOff ? r.note() : Text.orDash(r.error())));
      }
      table.print(ctx.out());
    }
    List<RunResult> failed = results.stream().filter(r -> !r.removedTheUser()).toList();
    if (failed.isEmpty()) {
      return ExitCodes.OK;
    }
    ctx.err()
        .println(
            Text.count(failed.size(), "offboarding", "offboardings")
                + " of "
                + results.size()
                + " did not complete:");
    for (RunResult r : failed) {
      ctx.err()
          .println(
              "  "
                  + Text.printable(r.distinctId())
                  + ": "
                  + r.result()
                  + ": "
                  + ctx.redact(
                      Text.printable(Text.orDash(r.isCompleted() ? r.note() : r.error()))));
    }
    List<RunResult> waiting = failed.stream().filter(r -> r.waitingIn() != null).toList();
    long calledOff =
        started.stream().filter(r -> r.kind() == Offboardings.StartKind.CALLED_OFF).count();
    for (RunResult r : waiting) {
      ctx.err()
          .println(
              "  "
                  + Text.printable(r.distinctId())
                  + " waits in "
                  + r.waitingIn()
                  + "; move it on with:");
      r.commands().forEach(c -> ctx.err().println("    " + c));
    }
    if (calledOff > 0) {
      ctx.err()
          .println(
              "A person called off the last run of "
                  + Text.count(calledOff, "user", "users")
                  + " above: the decision stands. To override it, start with --again (after a"
                  + " rejection the new run waits for approval again).");
    }
    if (waiting.size() + calledOff < failed.size()) {
      ctx.err()
          .println(
              "Fix the cause named above, then start the same ids again: a failed run may be"
                  + " started again, a completed one never is.");
    }
    return ExitCodes.NOT_COMPLETED;
  }
}
