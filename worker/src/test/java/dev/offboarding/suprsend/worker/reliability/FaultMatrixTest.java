package dev.offboarding.suprsend.worker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.client.SuprSendClients;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingSearchAttributes;
import dev.offboarding.suprsend.deletion.DeleteSuprSendUserImpl;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.ScriptedResponse;
import dev.offboarding.suprsend.sandbox.ScriptedResponse.BodyKind;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.worker.OffboardingWorker;
import dev.offboarding.suprsend.worker.WorkerConfig;
import dev.offboarding.suprsend.workflow.OffboardingWorkflowOptions;
import dev.offboarding.suprsend.workflow.UserOffboarding;
import dev.offboarding.suprsend.workflow.UserOffboardingImpl;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of trouble SuprSend (or what stands in front of it) can cause, injected with the
 * sandbox, each checked against the behaviour the README's outcome table documents. The observed
 * table is written into {@code docs/reliability.md}.
 */
class FaultMatrixTest {

  static final String KEY = "ss-fault-matrix-key-9c8b7a";
  static final String QUEUE = "fault-matrix";

  /** The worker's first retry interval here; Retry-After delays are set well above it. */
  static final Duration BACKOFF = Duration.ofMillis(100);

  static TestWorkflowEnvironment temporal;
  static SuprSendSandbox sandbox;
  static RecordingDelete delete;

  /** Timings, for the report under target/ (they vary run to run, so not in the docs). */
  static final List<String> measured = new ArrayList<>();

  @BeforeAll
  static void start() {
    temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .registerSearchAttribute(
                    OffboardingSearchAttributes.STATE_NAME,
                    IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .build());
    sandbox = SuprSendSandbox.start(SandboxOptions.defaults().withApiKey(KEY));
    WorkerConfig config =
        WorkerConfig.fromEnvironment(
            Map.of(
                "TEMPORAL_CONFIG_FILE", "/nonexistent/temporal.toml",
                "SUPRSEND_API_KEY", KEY,
                "SUPRSEND_BASE_URL", sandbox.baseUrl().toString(),
                "SUPRSEND_CONNECT_TIMEOUT", "1s",
                "SUPRSEND_READ_TIMEOUT", "3s",
                "OFFBOARDING_ATTEMPT_TIMEOUT", "6s",
                "OFFBOARDING_RETRY_INITIAL_INTERVAL", BACKOFF.toMillis() + "ms",
                "OFFBOARDING_RETRY_MAX_INTERVAL", "1s"));
    // The production registrations, with the activity wrapped to see every attempt.
    Worker worker = temporal.newWorker(QUEUE);
    worker.registerWorkflowImplementationFactory(
        UserOffboarding.class,
        () ->
            new UserOffboardingImpl(
                config.deleteRetry(),
                config.notifyRetry(),
                config.notifications().configuredChannels()));
    delete =
        new RecordingDelete(new DeleteSuprSendUserImpl(SuprSendClients.userApi(config.suprSend())));
    worker.registerActivitiesImplementations(delete);
    worker.registerActivitiesImplementations(
        OffboardingWorker.sagaActivities(
                config, SuprSendClients.builder(config.suprSend(), java.time.Clock.systemUTC()))
            .toArray());
    temporal.start();
  }

  @AfterAll
  static void stop() {
    temporal.close();
    sandbox.close();
  }

  /** One row: what was injected, what the README says, what happened. */
  record Row(String fault, String documented, String observed) {}

  @Test
  void everyFaultHasItsDocumentedBehaviour() {
    List<Row> rows = new ArrayList<>();
    rows.add(retried("500", "SuprSendUnavailable", null, ScriptedResponse.status(500)));
    rows.add(
        retried(
            "502 with an HTML body",
            "SuprSendUnavailable",
            null,
            ScriptedResponse.status(502, BodyKind.HTML)));
    rows.add(
        retried(
            "503 with `Retry-After: 2`",
            "SuprSendUnavailable",
            Duration.ofSeconds(2),
            ScriptedResponse.status(503).withRetryAfter("2")));
    rows.add(
        retried(
            "429 with `Retry-After: 2` (seconds)",
            "SuprSendRateLimited",
            Duration.ofSeconds(2),
            ScriptedResponse.status(429).withRetryAfter("2")));
    rows.add(
        retried(
            "429 with `Retry-After` as an HTTP-date 3 s ahead",
            "SuprSendRateLimited",
            Duration.ofSeconds(2),
            () ->
                ScriptedResponse.status(429)
                    .withRetryAfter(
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3)))));
    rows.add(
        retried(
            "429 without `Retry-After`",
            "SuprSendRateLimited",
            null,
            ScriptedResponse.status(429)));
    rows.add(
        retried(
            "read timeout (no answer within SUPRSEND_READ_TIMEOUT)",
            "SuprSendUnreachable",
            null,
            ScriptedResponse.status(503).withDelay(Duration.ofSeconds(4))));
    rows.add(retried("connection reset", "SuprSendUnreachable", null, ScriptedResponse.reset()));
    rows.add(
        retried(
            "503 whose body stalls for 4 s (past the 3 s read timeout)",
            "SuprSendUnavailable",
            null,
            ScriptedResponse.stall(Duration.ofSeconds(4))));
    rows.add(stallBeyondTheAttemptTimeout());
    rows.add(deletedButAnswerLost());
    rows.add(
        permanent(
            "JSON 404 with another message (`{\"code\":404,\"message\":\"scripted error\"}`)",
            "SuprSendWrongEndpoint",
            ScriptedResponse.status(404, BodyKind.SUPRSEND_ERROR_JSON)));
    rows.add(
        permanent(
            "404 with an empty body",
            "SuprSendWrongEndpoint",
            ScriptedResponse.status(404, BodyKind.EMPTY)));
    rows.add(
        permanent(
            "404 with an HTML page",
            "SuprSendWrongEndpoint",
            ScriptedResponse.status(404, BodyKind.HTML)));
    rows.add(keyRevokedMidBulk());

    StringBuilder table =
        new StringBuilder("| injected | documented | observed |\n|---|---|---|\n");
    rows.forEach(
        r ->
            table
                .append("| ")
                .append(r.fault())
                .append(" | ")
                .append(r.documented())
                .append(" | ")
                .append(r.observed())
                .append(" |\n"));
    ReliabilityDoc.writeReport(
        "fault-matrix.md", table + "\nTimings of this run:\n\n- " + String.join("\n- ", measured));
    ReliabilityDoc.writeSection("fault-matrix", table.toString());
  }

  /** One fault, then normal behaviour: the delete is retried and the user deleted. */
  private Row retried(String fault, String type, Duration retryAfter, ScriptedResponse script) {
    return retried(fault, type, retryAfter, () -> script);
  }

  private Row retried(
      String fault, String type, Duration retryAfter, Supplier<ScriptedResponse> script) {
    String user = userFor(fault);
    sandbox.addUser(user);
    sandbox.script(user, script.get());
    awaitCompleted(run(user));

    List<RecordingDelete.Attempt> attempts = delete.attemptsOf(user);
    // Under heavy load an attempt may also time out; what matters is the first and the last.
    assertThat(attempts).as(fault).hasSizeGreaterThanOrEqualTo(2);
    assertThat(attempts).as(fault + ": nothing non-retryable").noneMatch(a -> a.nonRetryable());
    assertThat(attempts.get(0).result()).as(fault).isEqualTo(type);
    assertThat(attempts.get(0).nonRetryable()).as(fault).isFalse();
    assertThat(attempts.get(attempts.size() - 1).result()).as(fault).isEqualTo("DELETED");
    assertThat(sandbox.hasUser(user)).as(fault).isFalse();
    Duration gap = Duration.between(attempts.get(0).startedAt(), attempts.get(1).startedAt());
    String documented = "retried (`" + type + "`)";
    String when;
    if (retryAfter != null) {
      documented += ", next attempt after `Retry-After`";
      assertThat(gap)
          .as(fault + ": Retry-After honoured")
          .isGreaterThanOrEqualTo(retryAfter.minusMillis(300));
      when = "retried no sooner than the `Retry-After`";
    } else if (type.equals("SuprSendRateLimited")) {
      documented += ", normal backoff";
      assertThat(gap).as(fault + ": normal backoff").isLessThan(Duration.ofMillis(1900));
      when = "retried with normal backoff";
    } else {
      when = "retried";
    }
    measured.add(
        fault
            + ": attempt 1 took "
            + attempts.get(0).took().toMillis()
            + " ms, attempt 2 started "
            + gap.toMillis()
            + " ms after attempt 1");
    return new Row(fault, documented, "`" + type + "`, " + when + ", then `DELETED`");
  }

  /**
   * The HTTP client's read timeout covers the wait for the status line and headers, not a body that
   * trickles in: Temporal's attempt timeout (start-to-close) is what bounds such an attempt.
   */
  private Row stallBeyondTheAttemptTimeout() {
    String fault = "503 whose body stalls for 9 s (past the 6 s attempt timeout)";
    String user = userFor(fault);
    sandbox.addUser(user);
    sandbox.script(user, ScriptedResponse.stall(Duration.ofSeconds(9)));
    awaitCompleted(run(user));

    assertThat(sandbox.hasUser(user)).isFalse();
    List<java.time.Instant> starts = delete.startsOf(user);
    assertThat(starts).hasSizeGreaterThanOrEqualTo(2);
    Duration gap = Duration.between(starts.get(0), starts.get(1));
    assertThat(gap)
        .as("the next attempt did not wait for the stalled body")
        .isLessThan(Duration.ofMillis(8900));
    measured.add(fault + ": attempt 2 started " + gap.toMillis() + " ms after attempt 1");
    return new Row(
        fault,
        "the attempt times out (`OFFBOARDING_ATTEMPT_TIMEOUT`) and is retried",
        "Temporal timed the attempt out and retried without waiting for the body; `DELETED` on"
            + " the next attempt");
  }

  /** SuprSend deletes, but the answer never arrives: the retry finds the user gone. */
  private Row deletedButAnswerLost() {
    String fault = "deleted, but the answer is slower than the read timeout";
    String user = userFor(fault);
    sandbox.addUser(user);
    sandbox.script(user, ScriptedResponse.ok().withDelay(Duration.ofSeconds(4)));
    awaitCompleted(run(user));

    List<RecordingDelete.Attempt> attempts = delete.attemptsOf(user);
    assertThat(attempts)
        .extracting(RecordingDelete.Attempt::result)
        .startsWith("SuprSendUnreachable")
        .endsWith("ALREADY_ABSENT");
    assertThat(sandbox.hasUser(user)).isFalse();
    return new Row(
        fault,
        "retried; SuprSend's own 404 then completes the run as `ALREADY_ABSENT`",
        "`SuprSendUnreachable`, then `ALREADY_ABSENT`; the user is gone");
  }

  /** A permanent failure: one attempt, not retried, the user left alone, the run says why. */
  private Row permanent(String fault, String type, ScriptedResponse script) {
    String user = userFor(fault);
    sandbox.addUser(user);
    sandbox.script(user, script);
    WorkflowStub run = run(user);
    String why = RunEnd.awaitStopped(run, Duration.ofSeconds(20));

    List<RecordingDelete.Attempt> attempts = delete.attemptsOf(user);
    assertThat(attempts).as(fault).hasSize(1);
    assertThat(attempts.get(0).result()).as(fault).isEqualTo(type);
    assertThat(attempts.get(0).nonRetryable()).as(fault).isTrue();
    assertThat(sandbox.hasUser(user)).as(fault + ": NOT treated as deleted").isTrue();
    assertThat(why).as(fault).contains("SUPRSEND_BASE_URL");
    why = why.replace(sandbox.baseUrl().toString(), "<sandbox URL>");
    return new Row(
        fault,
        "not retried: `" + type + "`, the user is NOT treated as deleted",
        "`"
            + type
            + "` after 1 attempt; the user is still there; the run says: "
            + RunEnd.cell(why));
  }

  /** 20 runs in flight; the key is revoked after some succeeded. */
  private Row keyRevokedMidBulk() {
    String fault = "401 mid-bulk (the key is revoked while 20 runs are in flight)";
    List<String> users = IntStream.rangeClosed(1, 20).mapToObj(i -> "bulk-" + i).toList();
    sandbox.addUsers(users);
    sandbox.setLatency(Duration.ofMillis(150));
    List<WorkflowStub> runs = new ArrayList<>();
    try {
      for (String user : users) {
        runs.add(run(user));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (users.stream().filter(sandbox::hasUser).count() > 14 && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
      }
      sandbox.setApiKey("ss-rotated-key-the-worker-does-not-have");
      int deleted = 0;
      int refused = 0;
      String why = null;
      for (int i = 0; i < users.size(); i++) {
        String user = users.get(i);
        String end = RunEnd.awaitEnd(runs.get(i), Duration.ofSeconds(20));
        List<RecordingDelete.Attempt> attempts = delete.attemptsOf(user);
        String last = attempts.get(attempts.size() - 1).result();
        if (last.equals("DELETED")) {
          deleted++;
          assertThat(sandbox.hasUser(user)).isFalse();
        } else {
          refused++;
          assertThat(last).isEqualTo("SuprSendAuthenticationFailed");
          assertThat(attempts)
              .as("a 401 is not retried blindly: nothing after it")
              .filteredOn(a -> a.result().equals("SuprSendAuthenticationFailed"))
              .hasSize(1);
          assertThat(sandbox.hasUser(user)).isTrue();
          assertThat(end).contains("SUPRSEND_API_KEY");
          why = end;
        }
      }
      assertThat(deleted).as("some runs finished before the revocation").isPositive();
      assertThat(refused).as("some runs met the revoked key").isPositive();
      measured.add(
          fault + ": " + deleted + " deleted before the revocation, " + refused + " refused");
      return new Row(
          fault,
          "not retried: `SuprSendAuthenticationFailed`; users not yet deleted stay",
          "runs done before the revocation: `DELETED`; every later one stopped after 1 attempt"
              + " with `SuprSendAuthenticationFailed`, its user still there; each says: "
              + RunEnd.cell(why));
    } finally {
      sandbox.setApiKey(KEY);
      sandbox.setLatency(Duration.ZERO);
    }
  }

  private static WorkflowStub run(String user) {
    UserOffboarding stub =
        temporal
            .getWorkflowClient()
            .newWorkflowStub(
                UserOffboarding.class, OffboardingWorkflowOptions.forUser(user, QUEUE));
    WorkflowClient.start(stub::offboard, OffboardingRequest.of(user));
    return WorkflowStub.fromTyped(stub);
  }

  private static void awaitCompleted(WorkflowStub run) {
    try {
      run.getResult(30, TimeUnit.SECONDS, Object.class);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the run did not complete within 30 s", e);
    }
  }

  private static String userFor(String fault) {
    return "fault-" + Integer.toHexString(fault.hashCode());
  }
}
