package dev.offboarding.suprsend.worker.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The worker's operations endpoint (the JDK's own HTTP server, on the address {@code
 * OFFBOARDING_METRICS_BIND} names: loopback unless a deployment exposes it):
 *
 * <ul>
 *   <li>{@value #METRICS_PATH}: Prometheus text format;
 *   <li>{@value #HEALTH_PATH}: 200 while the process runs (liveness);
 *   <li>{@value #READY_PATH}: 200 while the worker polls and Temporal answers, else 503 with the
 *       reason, never the Temporal address (readiness; the Dockerfile's HEALTHCHECK probes it;
 *       Temporal's answer is reused for a few seconds, see {@link Readiness}).
 * </ul>
 */
public final class OpsServer implements AutoCloseable {

  public static final String METRICS_PATH = "/metrics";
  public static final String HEALTH_PATH = "/healthz";
  public static final String READY_PATH = "/readyz";

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private OpsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds {@code port} (0: any free port) on {@code bind} and serves until {@link #close()}.
   *
   * @param bind the address to listen on: {@code 127.0.0.1} (the default) answers this host only;
   *     {@code 0.0.0.0} answers every network that reaches the host, so only inside a container or
   *     behind a firewall
   * @throws PortInUse when the port is taken
   */
  public static OpsServer start(
      InetAddress bind, int port, Supplier<String> metrics, Readiness readiness) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    } catch (BindException e) {
      throw new PortInUse(port, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "ops-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext(
        METRICS_PATH, exchange -> reply(exchange, 200, PROMETHEUS_TEXT, metrics.get()));
    server.createContext(HEALTH_PATH, exchange -> reply(exchange, 200, PLAIN_TEXT, "ok\n"));
    server.createContext(
        READY_PATH,
        exchange -> {
          Optional<String> problem = readiness.problem();
          if (problem.isEmpty()) {
            reply(exchange, 200, PLAIN_TEXT, "ready\n");
          } else {
            reply(exchange, 503, PLAIN_TEXT, "not ready: " + problem.get() + "\n");
          }
        });
    server.createContext(
        "/",
        exchange ->
            reply(
                exchange,
                404,
                PLAIN_TEXT,
                "not found: try "
                    + METRICS_PATH
                    + ", "
                    + HEALTH_PATH
                    + " or "
                    + READY_PATH
                    + "\n"));
    server.start();
    return new OpsServer(server, executor);
  }

  private static void reply(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    try (exchange) {
      // Exact paths only: /metrics/x is not /metrics.
      String path = exchange.getRequestURI().getPath();
      if (status != 404 && !path.equals(exchange.getHttpContext().getPath())) {
        status = 404;
        body = "not found\n";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  /** The address it listens on. */
  public InetAddress address() {
    return server.getAddress().getAddress();
  }

  /** The bound port (the chosen one when started with 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops answering at once and frees the port. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** The port is taken by another process. */
  public static final class PortInUse extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortInUse(int port, Throwable cause) {
      super(
          "port "
              + port
              + " for /metrics, /healthz and /readyz is already in use: stop what uses it, or set"
              + " OFFBOARDING_METRICS_PORT to a free port",
          cause);
    }
  }
}
