package dev.offboarding.suprsend.devtools.testserver;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.net.BindException;

/**
 * Temporal's Java test server bound to a port, in real time (time skipping locked), for {@code
 * server} and {@code dev}. It keeps everything in memory, accepts any namespace, and lacks list
 * queries, schedules and the Web UI: for development only.
 */
public final class EmbeddedTemporal {

  private EmbeddedTemporal() {}

  /** A port that cannot be bound; the message says what to do. */
  public static final class PortUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Starts the server on {@code port} (all interfaces, as Temporal's own dev server can). */
  public static TestServer.PortBoundTestServer start(int port) {
    try {
      TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
      TestServerLockEvents.patch(server); // else it slows down with every workflow it ran
      return server;
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BindException) {
          throw new PortUnavailable(
              "port "
                  + port
                  + " is in use: is another Temporal server (or ./offboard dev) running? Stop it,"
                  + " or pick another port with --port",
              e);
        }
      }
      throw e;
    }
  }

  /** A client of the embedded server on {@code port}, namespace {@code default}. */
  public static WorkflowClient client(WorkflowServiceStubs service) {
    return WorkflowClient.newInstance(
        service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }

  /** Plain-text gRPC stubs for the embedded server on {@code port}. */
  public static WorkflowServiceStubs stubs(int port) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
  }
}
