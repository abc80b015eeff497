package dev.offboarding.suprsend.devtools.testserver;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's Java test server bound to a port on 127.0.0.1, in real time (time skipping locked),
 * for {@code dev --embedded} and {@code server --embedded}. It keeps everything in memory, accepts
 * any namespace, and lacks list queries, schedules, sticky-queue timeouts and the Web UI: for
 * development only.
 *
 * <p>{@code TestServer.createPortBoundServer} listens on every interface; this builds the same
 * server (the test server's own services and health checks) on the loopback address instead.
 */
public final class EmbeddedTemporal implements AutoCloseable {

  /** A port that cannot be bound; the message says what to do. */
  public static final class PortUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The test server's services; {@link TestServerLockEvents} patches their timer. */
  private final TestServicesStarter services;

  private final Server grpc;

  private EmbeddedTemporal(TestServicesStarter services, Server grpc) {
    this.services = services;
    this.grpc = grpc;
  }

  /** Starts the server on {@code 127.0.0.1:port}. */
  public static EmbeddedTemporal start(int port) {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server grpc;
    try {
      grpc = builder.build().start();
    } catch (IOException e) {
      services.close();
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
      throw new IllegalStateException("could not start Temporal's test server on " + port, e);
    }
    EmbeddedTemporal server = new EmbeddedTemporal(services, grpc);
    TestServerLockEvents.patch(server); // else it slows down with every workflow it ran
    return server;
  }

  /** {@code 127.0.0.1:port}. */
  public String address() {
    return InetAddress.getLoopbackAddress().getHostAddress() + ":" + grpc.getPort();
  }

  @Override
  public void close() {
    grpc.shutdown();
    try {
      if (!grpc.awaitTermination(5, TimeUnit.SECONDS)) {
        grpc.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      grpc.shutdownNow();
    }
    services.close();
    grpc.shutdownNow();
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
