package dev.offboarding.suprsend.devtools;

import dev.offboarding.suprsend.cli.CliContext;
import dev.offboarding.suprsend.cli.Offboardings;
import dev.offboarding.suprsend.cli.RunResult;
import dev.offboarding.suprsend.cli.RunWatch;
import dev.offboarding.suprsend.cli.Table;
import dev.offboarding.suprsend.cli.Text;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OperatorRequest;
import dev.offboarding.suprsend.sandbox.RecordedRequest;
import dev.offboarding.suprsend.sandbox.ScriptedResponse;
import dev.offboarding.suprsend.sandbox.ScriptedResponse.BodyKind;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.workflow.UserOffboarding;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowTargetOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The demo's scenarios: demo users the sandbox treats so that every outcome the design names is
 * shown once, offboarded by the worker polling {@code taskQueue} on whichever Temporal {@code
 * client} talks to (the time-skipping test server, or the real dev server of {@code demo --ui}).
 */
final class DemoTour {

  /** One run the tour made: a demo user and where to find the run. */
  record Run(String distinctId, String workflowId, String runId) {}

  /** How many demo users did not end as expected, and every run made. */
  record Result(int unexpected, List<Run> runs) {}

  /**
   * One demo user: how the sandbox treats it, what should come of it, and how to say it; {@code
   * unblock} is the operator action a run parked in NEEDS_ATTENTION gets (null: none expected).
   */
  private record Scenario(
      String id,
      boolean exists,
      List<ScriptedResponse> script,
      String expected,
      int minAttempts,
      Function<Observed, String> says,
      String unblock) {

    Scenario(
        String id,
        boolean exists,
        List<ScriptedResponse> script,
        String expected,
        int minAttempts,
        Function<Observed, String> says) {
      this(id, exists, script, expected, minAttempts, says, null);
    }
  }

  /** What a scenario can point at: its result and the requests the sandbox saw for it. */
  private record Observed(RunResult result, List<RecordedRequest> requests) {

    /** Start to receipt on Temporal's clock (the waits the retry policy or Retry-After caused). */
    String took() {
      OffboardingReceipt receipt = result.receipt();
      return receipt == null
          ? "-"
          : Text.duration(Duration.between(receipt.startedAt(), receipt.completedAt()));
    }

    String rawPath() {
      return requests.isEmpty() ? "-" : requests.get(0).rawPath();
    }
  }

  private final CliContext ctx;
  private final SuprSendSandbox sandbox;
  private final WorkflowClient client;
  private final String taskQueue;
  private final int retryAfterSeconds;

  /**
   * @param retryAfterSeconds the Retry-After of the rate-limited scenario (real time on a real
   *     server)
   */
  DemoTour(
      CliContext ctx,
      SuprSendSandbox sandbox,
      WorkflowClient client,
      String taskQueue,
      int retryAfterSeconds) {
    this.ctx = ctx;
    this.sandbox = sandbox;
    this.client = client;
    this.taskQueue = taskQueue;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  private List<Scenario> scenarios() {
    return List.of(
        new Scenario(
            "demo-alice", true, List.of(), "DELETED", 1, o -> "existed: deleted on the first try"),
        new Scenario(
            "demo-bob",
            false,
            List.of(),
            "ALREADY_ABSENT",
            1,
            o -> "not in SuprSend: its JSON user-not-found 404 counts as done"),
        new Scenario(
            "demo-carol",
            true,
            List.of(
                ScriptedResponse.status(503, BodyKind.HTML),
                ScriptedResponse.status(500),
                ScriptedResponse.ok()),
            "DELETED",
            3,
            o ->
                "503 (proxy HTML page), then 500: retried with backoff, deleted "
                    + o.took()
                    + " after start"),
        new Scenario(
            "demo-dave",
            true,
            List.of(
                ScriptedResponse.status(429).withRetryAfter(String.valueOf(retryAfterSeconds)),
                ScriptedResponse.ok()),
            "DELETED",
            2,
            o ->
                "429 with Retry-After: "
                    + retryAfterSeconds
                    + ": waited as asked, deleted "
                    + o.took()
                    + " after start"),
        new Scenario(
            "demo-erin",
            true,
            List.of(ScriptedResponse.status(401)),
            "DELETED",
            2,
            o ->
                "401, key refused: parked in NEEDS_ATTENTION (no blind retry); key fixed, operator"
                    + " retry: deleted",
            UserOffboarding.Updates.RETRY),
        new Scenario(
            "demo-frank",
            true,
            List.of(ScriptedResponse.status(404, BodyKind.HTML)),
            "ABORTED",
            1,
            o ->
                "404 HTML page, not SuprSend's: NOT taken as deleted; parked, operator abort: user"
                    + " left in SuprSend",
            UserOffboarding.Updates.ABORT),
        new Scenario(
            "demo/odd id?#%",
            true, List.of(), "DELETED", 1, o -> "sent as one path segment: DELETE " + o.rawPath()));
  }

  /** Polls (a time-skipping clock stands still meanwhile) until the run waits for an operator. */
  private static RunResult awaitParked(RunWatch watch, Offboardings.StartedRun run) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      java.util.Optional<RunResult> waiting = watch.waiting(run);
      if (waiting.isPresent()) {
        return waiting.get();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException(run.distinctId() + " never asked for an operator");
  }

  /** What an operator would do with {@code ./offboard retry|abort ID}: the update itself. */
  private void unblock(Offboardings.StartedRun run, String action) {
    UserOffboarding stub =
        client.newWorkflowStub(
            UserOffboarding.class,
            WorkflowTargetOptions.newBuilder()
                .setWorkflowId(run.workflowId())
                .setRunId(run.runId())
                .build());
    OperatorRequest request = new OperatorRequest("demo", "the demo's operator");
    switch (action) {
      case UserOffboarding.Updates.RETRY -> stub.retry(request);
      case UserOffboarding.Updates.ABORT -> stub.abort(request);
      default -> throw new IllegalArgumentException(action);
    }
  }

  /** Runs every scenario, prints what happened, and says how many went wrong. */
  Result run(long startedNanos) {
    PrintStream out = ctx.out();
    List<Scenario> scenarios = scenarios();
    for (Scenario s : scenarios) {
      if (s.exists()) {
        sandbox.addUser(s.id());
      }
      if (!s.script().isEmpty()) {
        sandbox.script(s.id(), s.script().toArray(ScriptedResponse[]::new));
      }
    }
    Offboardings offboardings = new Offboardings(client, taskQueue);
    RunWatch watch = new RunWatch(client);
    // Runs that park in NEEDS_ATTENTION are started once the others are done: waiting for a
    // result lets the time-skipping test server jump ahead, and a parked run with no timer left
    // would be skipped to its (ten-year) run timeout.
    List<Offboardings.StartedRun> started = new ArrayList<>();
    List<RunResult> results = new ArrayList<>();
    List<Run> runs = new ArrayList<>();
    for (Scenario s : scenarios) {
      started.add(s.unblock() == null ? offboardings.start(s.id(), "demo", "offboard demo") : null);
    }
    for (Offboardings.StartedRun run : started) {
      results.add(
          run == null ? null : watch.await(run, Duration.ofSeconds(30), ctx.err()::println));
    }

    out.println("Runs parked in NEEDS_ATTENTION, and what an operator did about them:");
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      if (s.unblock() == null) {
        continue;
      }
      Offboardings.StartedRun run = offboardings.start(s.id(), "demo", "offboard demo");
      started.set(i, run);
      RunResult parked = awaitParked(watch, run);
      results.set(i, parked);
      if (parked.waitingIn() == null) {
        continue;
      }
      out.println(
          "  "
              + Text.printable(s.id())
              + ": "
              + parked.waitingIn()
              + ": "
              + ctx.redact(Text.printable(Text.orDash(parked.error()))));
      String command = "./offboard " + s.unblock() + " " + Text.shellWord(s.id());
      out.println("    -> " + command + " --operator demo");
      unblock(run, s.unblock());
      results.set(i, watch.await(run, Duration.ofSeconds(30), ctx.err()::println));
    }
    out.println();

    Table table = new Table("ID", "RESULT", "HTTP", "ATTEMPTS", "WHAT HAPPENED");
    int unexpected = 0;
    List<RunResult> failed = new ArrayList<>();
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      RunResult r = results.get(i);
      boolean asExpected = s.expected().equals(r.result()) && r.attempts() >= s.minAttempts();
      runs.add(new Run(s.id(), r.workflowId(), r.runId()));
      if (!asExpected) {
        unexpected++;
      }
      if (!r.isCompleted()) {
        failed.add(r);
      }
      List<RecordedRequest> requests =
          sandbox.requests().stream().filter(q -> s.id().equals(q.decodedDistinctId())).toList();
      table.row(
          s.id(),
          r.result(),
          r.httpStatus() == 0 ? null : r.httpStatus(),
          r.attempts() == 0 ? null : r.attempts(),
          (asExpected ? "" : "UNEXPECTED (expected " + s.expected() + "): ")
              + s.says().apply(new Observed(r, requests)));
    }
    table.print(out);

    if (!failed.isEmpty()) {
      out.println();
      out.println("Runs that did not complete say what to do:");
      for (RunResult r : failed) {
        out.println("  " + Text.printable(r.distinctId()) + ": " + r.result());
        out.println("    " + ctx.redact(Text.printable(Text.orDash(r.error()))));
      }
    }

    Scenario first = scenarios.get(0);
    Offboardings.StartedRun again = offboardings.start(first.id(), "demo", "offboard demo");
    RunResult againResult = watch.await(again, Duration.ofSeconds(30), ctx.err()::println);
    long deletes =
        sandbox.requests().stream()
            .filter(q -> q.method().equals("DELETE") && first.id().equals(q.decodedDistinctId()))
            .count();
    out.println();
    out.println(
        "Starting "
            + first.id()
            + " again: "
            + again.note()
            + " ("
            + againResult.result()
            + " receipt of run "
            + againResult.runId()
            + "); SuprSend saw "
            + Text.count(deletes, "DELETE", "DELETEs")
            + " for "
            + first.id()
            + " in all.");
    if (!first.expected().equals(againResult.result()) || deletes != 1) {
      unexpected++;
    }

    List<RecordedRequest> requests = sandbox.requests();
    out.println(
        "The sandbox answered "
            + Text.count(requests.size(), "request", "requests")
            + " ("
            + sandbox.stats().byStatus()
            + " by HTTP status); the demo took "
            + Text.duration(Duration.ofNanos(System.nanoTime() - startedNanos))
            + " of real time.");
    out.flush();
    return new Result(unexpected, runs);
  }
}
