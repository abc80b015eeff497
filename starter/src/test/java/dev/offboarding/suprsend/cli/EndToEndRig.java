package dev.offboarding.suprsend.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.sandbox.RecordedRequest;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.worker.OffboardingWorker;
import dev.offboarding.suprsend.worker.TemporalConnection;
import dev.offboarding.suprsend.worker.WorkerConfig;
import io.temporal.testserver.TestServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the CLI talks to, in this JVM: Temporal's test server bound to a port in real time,
 * the SuprSend sandbox, and the real worker connected to the server over gRPC. Commands run through
 * {@link Cli} with {@link #env()}.
 */
final class EndToEndRig implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestServer.PortBoundTestServer server;
  private final SuprSendSandbox sandbox;
  private final TemporalConnection workerConnection;
  private final OffboardingWorker worker;
  private final Map<String, String> env;

  private EndToEndRig(
      TestServer.PortBoundTestServer server,
      SuprSendSandbox sandbox,
      TemporalConnection workerConnection,
      OffboardingWorker worker,
      Map<String, String> env) {
    this.server = server;
    this.sandbox = sandbox;
    this.workerConnection = workerConnection;
    this.worker = worker;
    this.env = env;
  }

  /**
   * Starts the rig on task queue {@code taskQueue}, with short retry intervals.
   *
   * @param sandboxOptions the sandbox's options (key, latency, rate limit)
   * @param extraEnv more variables for the worker and the CLI
   */
  static EndToEndRig start(
      String taskQueue, SandboxOptions sandboxOptions, Map<String, String> extraEnv) {
    int port = Cli.freePort();
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
    SuprSendSandbox sandbox = SuprSendSandbox.start(sandboxOptions);
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_ADDRESS", "localhost:" + port);
    env.put("SUPRSEND_API_KEY", sandbox.apiKey());
    env.put("SUPRSEND_BASE_URL", sandbox.baseUrl().toString());
    env.put("OFFBOARDING_TASK_QUEUE", taskQueue);
    env.put("OFFBOARDING_RETRY_INITIAL_INTERVAL", "100ms");
    env.put("OFFBOARDING_RETRY_MAX_INTERVAL", "1s");
    env.putAll(extraEnv);
    TemporalConnection connection = TemporalConnection.connect(env);
    connection.checkReachable(Duration.ofSeconds(10));
    OffboardingWorker worker =
        OffboardingWorker.start(connection.client(), WorkerConfig.fromEnvironment(env));
    return new EndToEndRig(server, sandbox, connection, worker, env);
  }

  /** The environment commands run with (a copy may be changed freely). */
  Map<String, String> env() {
    return env;
  }

  SuprSendSandbox sandbox() {
    return sandbox;
  }

  /** The worker's own connection, for steering runs directly. */
  TemporalConnection workerConnection() {
    return workerConnection;
  }

  /**
   * Polls {@code ./offboard status ID --json} until the run is in {@code state} (20 s at most) and
   * returns that view.
   */
  JsonNode awaitState(Cli cli, String id, String state) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      Cli.Run status = cli.run(env, "status", id, "--json");
      JsonNode view = status.exit() == 0 ? JSON.readTree(status.out()) : null;
      if (view != null && state.equals(view.path("state").asText())) {
        return view;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(id + " never reached " + state + ": " + status.all());
      }
      Thread.sleep(100);
    }
  }

  /** Every DELETE the sandbox saw for {@code id}. */
  List<RecordedRequest> deletesOf(String id) {
    return sandbox.requests().stream()
        .filter(r -> r.method().equals("DELETE") && id.equals(r.decodedDistinctId()))
        .toList();
  }

  @Override
  public void close() {
    worker.shutdown(Duration.ofSeconds(5));
    workerConnection.close();
    server.close();
    sandbox.close();
  }
}
