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
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the CLI talks to, in this JVM: a Temporal server (Temporal's test server bound to a
 * port in real time, or the real one the caller started: devtools' end-to-end suite), the SuprSend
 * sandbox, and the real worker connected to the server over gRPC. Commands run through {@link Cli}
 * with {@link #env()}.
 */
public final class EndToEndRig implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Closeable server;
  private final SuprSendSandbox sandbox;
  private final Map<String, String> env;
  private TemporalConnection workerConnection;
  private OffboardingWorker worker;

  private EndToEndRig(Closeable server, SuprSendSandbox sandbox, Map<String, String> env) {
    this.server = server;
    this.sandbox = sandbox;
    this.env = env;
  }

  /**
   * Starts the rig on Temporal's test server and task queue {@code taskQueue}, with short retry
   * intervals.
   *
   * @param sandboxOptions the sandbox's options (key, latency, rate limit)
   * @param extraEnv more variables for the worker and the CLI
   */
  public static EndToEndRig start(
      String taskQueue, SandboxOptions sandboxOptions, Map<String, String> extraEnv) {
    int port = Cli.freePort();
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
    return start(server, "localhost:" + port, taskQueue, sandboxOptions, extraEnv);
  }

  /**
   * The same on the Temporal server at {@code temporalAddress}, which the caller started and stops.
   */
  public static EndToEndRig onTemporal(
      String temporalAddress,
      String taskQueue,
      SandboxOptions sandboxOptions,
      Map<String, String> extraEnv) {
    return start(null, temporalAddress, taskQueue, sandboxOptions, extraEnv);
  }

  private static EndToEndRig start(
      Closeable server,
      String temporalAddress,
      String taskQueue,
      SandboxOptions sandboxOptions,
      Map<String, String> extraEnv) {
    SuprSendSandbox sandbox = SuprSendSandbox.start(sandboxOptions);
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_ADDRESS", temporalAddress);
    env.put("SUPRSEND_API_KEY", sandbox.apiKey());
    env.put("SUPRSEND_BASE_URL", sandbox.baseUrl().toString());
    env.put("OFFBOARDING_TASK_QUEUE", taskQueue);
    env.put("OFFBOARDING_RETRY_INITIAL_INTERVAL", "100ms");
    env.put("OFFBOARDING_RETRY_MAX_INTERVAL", "1s");
    env.putAll(extraEnv);
    EndToEndRig rig = new EndToEndRig(server, sandbox, env);
    rig.startWorker();
    return rig;
  }

  private void startWorker() {
    workerConnection = TemporalConnection.connect(env);
    workerConnection.checkReachable(Duration.ofSeconds(10));
    worker = OffboardingWorker.start(workerConnection.client(), WorkerConfig.fromEnvironment(env));
  }

  /**
   * Stops the worker, applies {@code changes} to the environment (a rotated {@code
   * SUPRSEND_API_KEY}, say) and starts a new worker with it, as an operator redeploys a fix.
   */
  public void restartWorker(Map<String, String> changes) {
    worker.shutdown(Duration.ofSeconds(5));
    workerConnection.close();
    env.putAll(changes);
    startWorker();
  }

  /** The environment commands run with (a copy may be changed freely). */
  public Map<String, String> env() {
    return env;
  }

  public SuprSendSandbox sandbox() {
    return sandbox;
  }

  /** The worker's own connection, for steering runs directly. */
  public TemporalConnection workerConnection() {
    return workerConnection;
  }

  /** Every DELETE the sandbox saw for {@code id}. */
  public List<RecordedRequest> deletesOf(String id) {
    return sandbox.requests().stream()
        .filter(r -> r.method().equals("DELETE") && id.equals(r.decodedDistinctId()))
        .toList();
  }

  /**
   * Polls {@code ./offboard status ID --json} until the run is in {@code state} (20 s at most) and
   * returns that view.
   */
  public JsonNode awaitState(Cli cli, String id, String state) throws Exception {
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

  @Override
  public void close() {
    worker.shutdown(Duration.ofSeconds(5));
    workerConnection.close();
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException("could not stop Temporal's test server", e);
      }
    }
    sandbox.close();
  }
}
