package dev.offboarding.suprsend.devtools.bench;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmark runs on, in this JVM: the SuprSend sandbox, Temporal's Java test server in
 * real time (in process, or bound to a port for a worker in another JVM), a client, and workers.
 */
public final class BenchRig implements AutoCloseable {

  /** How the client and in-JVM workers reach the test server. */
  enum Transport {
    /** In-process gRPC channel: no sockets, no HTTP/2 framing. */
    INPROC,
    /** A TCP port, as a separate server would be reached. */
    PORT
  }

  private final SuprSendSandbox sandbox;
  private final Closeable server;
  private final int port;
  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  private final Map<String, String> tuning;
  private final List<OffboardingWorker> workers = new ArrayList<>();

  private BenchRig(
      SuprSendSandbox sandbox,
      Closeable server,
      int port,
      WorkflowServiceStubs service,
      Map<String, String> tuning) {
    this.sandbox = sandbox;
    this.server = server;
    this.port = port;
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
  public static BenchRig start(Transport transport, Map<String, String> tuning) {
    SuprSendSandbox sandbox = SuprSendSandbox.start(SandboxOptions.defaults().withThreads(128));
    if (transport == Transport.INPROC) {
      TestServer.InProcessTestServer server = TestServer.createServer(true);
      TestServerLockEvents.patch(server);
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setChannel(server.getChannel()).build());
      return new BenchRig(sandbox, server, -1, service, tuning);
    }
    int port = freePort();
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
    TestServerLockEvents.patch(server);
    return new BenchRig(sandbox, server, port, EmbeddedTemporal.stubs(port), tuning);
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
