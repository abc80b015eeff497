package dev.offboarding.suprsend.worker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.cli.Cli;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.Outcome;
import dev.offboarding.suprsend.devtools.ChildJvm;
import dev.offboarding.suprsend.devtools.realserver.DevServer;
import dev.offboarding.suprsend.devtools.realserver.RealTemporal;
import dev.offboarding.suprsend.devtools.realserver.TemporalCli;
import dev.offboarding.suprsend.workflow.OffboardingWorkflowOptions;
import dev.offboarding.suprsend.workflow.UserOffboarding;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The crash test: the real Temporal server (the Temporal CLI's dev server) in its own process, the
 * production worker ({@code WorkerMain}, sticky execution on, as in production) in another JVM,
 * SuprSend played in this one (by the project's sandbox, and again by WireMock, which the project
 * did not write) with 1,000 users and a share of transient faults. The worker is SIGKILLed three
 * times at random moments while runs are in flight and a new one is started each time: the server
 * must hand the dead worker's sticky workflow tasks back to the shared queue. Nothing may be lost:
 * every run ends, every user reported gone is gone, and every user still there has a run that says
 * why. Skipped without a Temporal CLI unless {@code OFFBOARD_REAL_TEMPORAL=required}.
 */
class WorkerCrashTest {

  static final int USERS = Integer.getInteger("crash.users", 1_000);
  static final int KILLS = Integer.getInteger("crash.kills", 3);
  static final double FAULT_RATE = 0.2;
  static final Duration DEADLINE = Duration.ofMinutes(6);
  static final String API_KEY = "ss-crash-test-key-5a4b3c2d1e";
  static final String TASK_QUEUE = "crash-test";

  /** The server the Temporal CLI 1.5.1 bundles (see TemporalCli). */
  static final String SERVER_VERSION = "1.29.1";

  private final Path logs = Paths.get("target", "crash-test");

  @Test
  void killingTheWorkerThreeTimesLosesNothing() throws Exception {
    try (SuprSendStandIn sandbox = new SandboxStandIn(API_KEY)) {
      crash(sandbox, "crash-test");
    }
  }

  /** The same run against a SuprSend stand-in this project did not write. */
  @Test
  void anIndependentStandInSeesEveryUserDeleted() throws Exception {
    try (SuprSendStandIn wireMock = new WireMockStandIn(API_KEY)) {
      crash(wireMock, "crash-test-wiremock");
    }
  }

  private void crash(SuprSendStandIn suprSend, String section) throws Exception {
    long seed = Long.getLong("crash.seed", System.nanoTime());
    Random random = new Random(seed);
    List<String> users = IntStream.rangeClosed(1, USERS).mapToObj(i -> "crash-user-" + i).toList();
    List<Integer> killAt = killPoints(random);
    long started = System.nanoTime();

    try (DevServer temporal =
            RealTemporal.start(
                section,
                DevServer.Options.loopback(
                        Cli.freePort(),
                        Cli.freePort(),
                        logs.resolve(section + "-temporal-dev-server.log"))
                    .withoutUi());
        ServiceStubs service = ServiceStubs.connect(temporal.address())) {
      suprSend.prepare(users, FAULT_RATE, seed);
      WorkflowClient client =
          WorkflowClient.newInstance(service.stubs(), WorkflowClientOptions.newBuilder().build());

      Process worker = startWorker(temporal, suprSend, section, 0);
      startAll(client, users);

      List<String> kills = new ArrayList<>();
      while (kills.size() < killAt.size()) {
        int done = suprSend.deletedCount();
        if (done >= killAt.get(kills.size())) {
          assertThat(done).as("runs still in flight when the worker is killed").isLessThan(USERS);
          worker.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no graceful anything
          worker.waitFor(10, TimeUnit.SECONDS);
          kills.add(done + " of " + USERS + " users deleted");
          worker = startWorker(temporal, suprSend, section, kills.size());
        }
        assertAlive(worker, section, kills.size());
        assertThat(System.nanoTime() - started).isLessThan(DEADLINE.toNanos());
        sleep(50);
      }

      Map<String, WorkflowExecutionStatus> statuses =
          awaitAllClosed(service.stubs(), users, started);
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      worker.destroyForcibly();

      Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
      Map<String, String> failures = new TreeMap<>();
      int attemptsBeyondFirst = 0;
      for (String user : users) {
        var stub = client.newUntypedWorkflowStub(OffboardingIds.workflowIdFor(user));
        try {
          OffboardingReceipt receipt = stub.getResult(OffboardingReceipt.class);
          outcomes.merge(receipt.outcome(), 1, Integer::sum);
          attemptsBeyondFirst += receipt.attempts() - 1;
          assertThat(suprSend.deleted(user))
              .as("%s was reported %s but SuprSend never deleted it", user, receipt.outcome())
              .isTrue();
        } catch (WorkflowFailedException e) {
          failures.put(user, reason(e));
        }
      }

      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("SuprSend played by", suprSend.name());
      figures.put("users", USERS);
      figures.put("worker SIGKILLs", kills.size() + " (at " + String.join("; ", kills) + ")");
      figures.put(
          "Temporal",
          "the real server "
              + SERVER_VERSION
              + " (Temporal CLI "
              + cliVersion()
              + "), sticky execution on");
      figures.put("seed", seed);
      figures.put("outcomes", outcomes);
      figures.put("failed runs", failures.size());
      figures.put("retries seen (attempts beyond the first, from receipts)", attemptsBeyondFirst);
      figures.putAll(suprSend.figures());
      figures.putAll(suprSend.checkNotifications());
      figures.put(
          "users the stand-in saw deleted", users.stream().filter(suprSend::deleted).count());
      figures.put("time (start of the first run to the last run closed)", elapsedMillis + " ms");
      figures.put(
          "runs whose workflow task waited on a dead worker's sticky queue and was handed back",
          stickyTasksHandedBack(client, users));
      figures.put("run statuses", count(statuses));
      String table = table(figures);
      System.out.println("\n=== Crash test figures ===\n" + table);
      ReliabilityDoc.writeReport(section + ".md", table);
      if (Boolean.getBoolean("reliability.record")) {
        ReliabilityDoc.writeSection(section, table);
      }

      assertThat(kills).hasSize(KILLS);
      for (String user : users) {
        if (!suprSend.deleted(user)) {
          assertThat(failures)
              .as("%s is still in SuprSend, so its run must say why", user)
              .containsKey(user);
          assertThat(failures.get(user)).isNotBlank();
        }
      }
      // Only transient faults were injected: every user must end up deleted.
      assertThat(failures).as("runs that failed").isEmpty();
      assertThat(users).allMatch(suprSend::deleted);
      assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(USERS);
    }
  }

  /** KILLS progress points (users deleted) spread at random over 10 %..85 % of the run. */
  private static List<Integer> killPoints(Random random) {
    List<Integer> points = new ArrayList<>();
    int span = USERS * 75 / 100 / KILLS;
    for (int i = 0; i < KILLS; i++) {
      points.add(USERS / 10 + i * span + random.nextInt(Math.max(1, span)));
    }
    return points;
  }

  private Process startWorker(DevServer temporal, SuprSendStandIn suprSend, String section, int n) {
    Map<String, String> env = new TreeMap<>();
    env.put("TEMPORAL_ADDRESS", temporal.address());
    env.put("TEMPORAL_NAMESPACE", "default");
    env.put("TEMPORAL_CONFIG_FILE", "/nonexistent/temporal.toml");
    env.put("SUPRSEND_API_KEY", API_KEY);
    env.put("SUPRSEND_BASE_URL", suprSend.baseUrl().toString());
    env.put("SUPRSEND_CONNECT_TIMEOUT", "1s");
    env.put("SUPRSEND_READ_TIMEOUT", "2s");
    env.put("OFFBOARDING_ATTEMPT_TIMEOUT", "5s");
    env.put("OFFBOARDING_TASK_QUEUE", TASK_QUEUE);
    env.put("OFFBOARDING_RETRY_INITIAL_INTERVAL", "200ms");
    env.put("OFFBOARDING_RETRY_MAX_INTERVAL", "2s");
    env.put("OFFBOARDING_SHUTDOWN_TIMEOUT", "1s");
    env.put("OFFBOARDING_METRICS_PORT", "0");
    // Sticky execution stays on (the default): the real server hands a dead worker's sticky
    // workflow tasks back to the shared queue after the sticky schedule-to-start timeout (5 s).
    env.putAll(suprSend.notificationEnv());
    return ChildJvm.startLogged(
        "dev.offboarding.suprsend.worker.WorkerMain",
        List.of(),
        env,
        logs.resolve(section + "-worker-" + n + ".log"));
  }

  private void assertAlive(Process worker, String section, int n) throws java.io.IOException {
    if (!worker.isAlive()) {
      throw new AssertionError(
          "worker "
              + n
              + " exited with "
              + worker.exitValue()
              + ":\n"
              + java.nio.file.Files.readString(logs.resolve(section + "-worker-" + n + ".log")));
    }
  }

  private static void startAll(WorkflowClient client, List<String> users) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> starts = new ArrayList<>();
      for (String user : users) {
        starts.add(
            pool.submit(
                () -> {
                  UserOffboarding stub =
                      client.newWorkflowStub(
                          UserOffboarding.class,
                          OffboardingWorkflowOptions.forUser(user, TASK_QUEUE));
                  return WorkflowClient.start(
                      stub::offboard,
                      new OffboardingRequest(user, "crash test", "WorkerCrashTest"));
                }));
      }
      for (Future<?> start : starts) {
        start.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Waits until visibility counts no open run on the task queue, then describes every run (the
   * authoritative answer) and goes on waiting for any that is still open.
   */
  private Map<String, WorkflowExecutionStatus> awaitAllClosed(
      WorkflowServiceStubs service, List<String> users, long started) {
    Map<String, WorkflowExecutionStatus> statuses = new LinkedHashMap<>();
    List<String> open = new ArrayList<>(users);
    while (!open.isEmpty()) {
      if (openRuns(service) == 0) {
        List<String> stillOpen = new ArrayList<>();
        for (String user : open) {
          WorkflowExecutionStatus status =
              describe(service, user).getWorkflowExecutionInfo().getStatus();
          statuses.put(user, status);
          if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            stillOpen.add(user);
          }
        }
        open = stillOpen;
      }
      if (!open.isEmpty()) {
        if (System.nanoTime() - started > DEADLINE.toNanos()) {
          String example = firstOpen(service, open);
          throw new AssertionError(
              openRuns(service)
                  + " runs never finished, e.g. "
                  + example
                  + " whose history is "
                  + eventTypes(service, example));
        }
        sleep(500);
      }
    }
    return statuses;
  }

  private static long openRuns(WorkflowServiceStubs service) {
    return service
        .blockingStub()
        .countWorkflowExecutions(
            CountWorkflowExecutionsRequest.newBuilder()
                .setNamespace("default")
                .setQuery("TaskQueue='" + TASK_QUEUE + "' AND ExecutionStatus='Running'")
                .build())
        .getCount();
  }

  private static String firstOpen(WorkflowServiceStubs service, List<String> users) {
    for (String user : users) {
      if (describe(service, user).getWorkflowExecutionInfo().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return user;
      }
    }
    return users.get(0);
  }

  private static DescribeWorkflowExecutionResponse describe(
      WorkflowServiceStubs service, String user) {
    return service
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(
                    WorkflowExecution.newBuilder()
                        .setWorkflowId(OffboardingIds.workflowIdFor(user))
                        .build())
                .build());
  }

  private static List<String> eventTypes(WorkflowServiceStubs service, String user) {
    WorkflowClient client = WorkflowClient.newInstance(service);
    return client.fetchHistory(OffboardingIds.workflowIdFor(user)).getEvents().stream()
        .map(e -> e.getEventType().name().replace("EVENT_TYPE_", ""))
        .toList();
  }

  /**
   * Runs whose history shows a workflow task that timed out before any worker started it: the task
   * had gone to a killed worker's sticky queue, and the server moved it to the shared one.
   */
  private static long stickyTasksHandedBack(WorkflowClient client, List<String> users) {
    return users.stream()
        .filter(
            user ->
                client.fetchHistory(OffboardingIds.workflowIdFor(user)).getEvents().stream()
                    .anyMatch(
                        e ->
                            e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT
                                && e.getWorkflowTaskTimedOutEventAttributes().getTimeoutType()
                                    == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START))
        .count();
  }

  private static String cliVersion() {
    return TemporalCli.version(RealTemporal.cli());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** gRPC stubs to the server, closed with it. */
  private record ServiceStubs(WorkflowServiceStubs stubs) implements AutoCloseable {
    static ServiceStubs connect(String address) {
      return new ServiceStubs(
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(address).build()));
    }

    @Override
    public void close() {
      stubs.shutdownNow();
    }
  }

  private static String reason(WorkflowFailedException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app.getType() + ": " + app.getOriginalMessage();
      }
    }
    return String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
  }

  private static Map<WorkflowExecutionStatus, Integer> count(
      Map<String, WorkflowExecutionStatus> statuses) {
    Map<WorkflowExecutionStatus, Integer> counts = new TreeMap<>();
    statuses.values().forEach(s -> counts.merge(s, 1, Integer::sum));
    return counts;
  }

  private static String table(Map<String, Object> figures) {
    StringBuilder out = new StringBuilder("| figure | value |\n|---|---|\n");
    figures.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    return out.toString();
  }
}
