package dev.offboarding.suprsend.devtools.bench;

import dev.offboarding.suprsend.devtools.realserver.DevServer;
import dev.offboarding.suprsend.devtools.testserver.EmbeddedTemporal;
import dev.offboarding.suprsend.devtools.testserver.TestServerLockEvents;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import dev.offboarding.suprsend.worker.OffboardingWorker;
import dev.offboarding.suprsend.worker.WorkerConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmark runs on: the SuprSend sandbox in this JVM, Temporal (the real dev server in
 * its own process, or the Java test server in this one, in process or bound to a port), a client,
 * and workers (in this JVM, or each in its own).
 */
public final class BenchRig implements AutoCloseable {

  /** How the client and in-JVM workers reach the test server. */
  enum Transport {
    /** In-process gRPC channel: no sockets, no HTTP/2 framing. */
    INPROC,
    /** A TCP port, as a separate server would be reached. */
    PORT,
    /**
     * The real Temporal dev server in its own process (headless, in memory) over TCP; workers in
     * JVMs of their own. What users run.
     */
    REAL
  }

  private final SuprSendSandbox sandbox;
  private final Closeable server;
  private final int port;
  private final long serverPid;
  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  private final Map<String, String> tuning;
  private final List<OffboardingWorker> workers = new ArrayList<>();
  private final List<ChildWorker> childWorkers = new ArrayList<>();

  private BenchRig(
      SuprSendSandbox sandbox,
      Closeable server,
      int port,
      long serverPid,
      WorkflowServiceStubs service,
      Map<String, String> tuning) {
    this.sandbox = sandbox;
    this.server = server;
    this.port = port;
    this.serverPid = serverPid;
    this.service = service;
    this.client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    this.tuning = tuning;
  }

  /**
   * Starts the sandbox and the server.
   *
   * @param tuning worker tuning variables to apply to every worker (from the caller's environment)
   */
  public static BenchRig start(Transport transport, Map<String, String> tuning, Path cli) {
    SuprSendSandbox sandbox = SuprSendSandbox.start(SandboxOptions.defaults().withThreads(128));
    if (transport == Transport.REAL) {
      DevServer server;
      try {
        Path log = Files.createTempFile("offboard-bench-temporal", ".log");
        server =
            DevServer.start(
                cli,
                DevServer.Options.loopback(freePort(), freePort(), log)
                    .withoutUi()
                    .withLowLatency());
      } catch (IOException | RuntimeException e) {
        sandbox.close();
        throw e instanceof IOException io
            ? new java.io.UncheckedIOException(io)
            : (RuntimeException) e;
      }
      int port = server.options().port();
      return new BenchRig(
          sandbox, server::close, port, server.pid(), EmbeddedTemporal.stubs(port), tuning);
    }
    if (transport == Transport.INPROC) {
      TestServer.InProcessTestServer server = TestServer.createServer(true);
      TestServerLockEvents.patch(server);
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setChannel(server.getChannel()).build());
      return new BenchRig(sandbox, server, -1, -1, service, tuning);
    }
    int port = freePort();
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
    TestServerLockEvents.patch(server);
    return new BenchRig(sandbox, server, port, -1, EmbeddedTemporal.stubs(port), tuning);
  }

  SuprSendSandbox sandbox() {
    return sandbox;
  }

  WorkflowClient client() {
    return client;
  }

  /** The server's port, or -1 when it is in process. */
  int port() {
    return port;
  }

  /** The environment a worker of this rig reads (sandbox, task queue, tuning, extras). */
  Map<String, String> workerEnv(String taskQueue, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(tuning);
    env.put("SUPRSEND_API_KEY", sandbox.apiKey());
    env.put("SUPRSEND_BASE_URL", sandbox.baseUrl().toString());
    env.put("OFFBOARDING_TASK_QUEUE", taskQueue);
    env.put("TEMPORAL_CONFIG_FILE", "/nonexistent/temporal.toml");
    if (port > 0) {
      env.put("TEMPORAL_ADDRESS", "127.0.0.1:" + port);
    }
    env.putAll(extra);
    return env;
  }

  /** The server's process id on the real topology, else -1 (the server is in this JVM). */
  long serverPid() {
    return serverPid;
  }

  /**
   * The production worker in a JVM of its own on {@code taskQueue} ({@link MeasuredWorkerMain}),
   * closed with the rig.
   */
  ChildWorker startChildWorker(String taskQueue, Map<String, String> extra) throws IOException {
    Map<String, String> env = new HashMap<>(Map.of("OFFBOARDING_METRICS_PORT", "0"));
    env.put("OFFBOARDING_LOG_LEVEL", "WARN");
    env.putAll(extra);
    ChildWorker worker = ChildWorker.start(workerEnv(taskQueue, env));
    childWorkers.add(worker);
    return worker;
  }

  /** A worker in this JVM on {@code taskQueue}. */
  OffboardingWorker startWorker(String taskQueue, Map<String, String> extra) {
    OffboardingWorker worker =
        OffboardingWorker.start(client, WorkerConfig.fromEnvironment(workerEnv(taskQueue, extra)));
    workers.add(worker);
    return worker;
  }

  @Override
  public void close() {
    for (OffboardingWorker worker : workers) {
      worker.shutdown(Duration.ofSeconds(2));
    }
    childWorkers.forEach(ChildWorker::close);
    service.shutdownNow();
    service.awaitTermination(5, TimeUnit.SECONDS);
    try {
      server.close();
    } catch (IOException e) {
      // best effort
    }
    sandbox.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
