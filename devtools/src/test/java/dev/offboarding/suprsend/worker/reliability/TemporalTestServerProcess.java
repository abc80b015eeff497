package dev.offboarding.suprsend.worker.reliability;

import dev.offboarding.suprsend.devtools.ChildJvm;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's Java test server, port-bound, in its own JVM ({@code io.temporal.testserver.TestServer
 * <port>}, real time), so that the workers killed by a test are really separate processes talking
 * gRPC over TCP.
 */
final class TemporalTestServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final WorkflowServiceStubs service;

  private TemporalTestServerProcess(Process process, int port, WorkflowServiceStubs service) {
    this.process = process;
    this.port = port;
    this.service = service;
  }

  /** Starts the server on a free port and waits until it answers. */
  static TemporalTestServerProcess start(Path log) {
    int port = freePort();
    Process process =
        ChildJvm.startLogged(
            "io.temporal.testserver.TestServer", List.of(String.valueOf(port)), Map.of(), log);
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        service
            .blockingStub()
            .withDeadlineAfter(2, TimeUnit.SECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        return new TemporalTestServerProcess(process, port, service);
      } catch (RuntimeException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          service.shutdownNow();
          throw new IllegalStateException(
              "Temporal's test server did not come up on port " + port + "; see " + log, notYet);
        }
        sleep(200);
      }
    }
  }

  /** {@code 127.0.0.1:<port>}, for {@code TEMPORAL_ADDRESS}. */
  String address() {
    return "127.0.0.1:" + port;
  }

  WorkflowServiceStubs service() {
    return service;
  }

  @Override
  public void close() {
    service.shutdownNow();
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
