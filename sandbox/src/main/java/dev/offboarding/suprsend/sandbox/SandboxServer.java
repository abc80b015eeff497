package dev.offboarding.suprsend.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's HTTP server: reads each request's body (bounded), hands {@code /_sandbox/*} to the
 * control plane and everything else to the API, and turns a handler's bug into a 500.
 */
final class SandboxServer {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);

  /** Larger request bodies are refused with 413. */
  static final int MAX_BODY_BYTES = 1 << 20;

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs and
    // cost ~40 ms per request; only set it when nobody chose otherwise.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final ApiHandler api;
  private final ControlPlane control;

  private SandboxServer(
      InetSocketAddress address, int threads, ApiHandler api, ControlPlane control)
      throws IOException {
    this.api = api;
    this.control = control;
    this.server = HttpServer.create(address, 1024);
    this.executor =
        new ThreadPoolExecutor(
            threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads());
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
  }

  /** Listens on {@code bind:port} ({@code 0}: a free port) with {@code threads} threads. */
  static SandboxServer start(
      InetAddress bind, int port, int threads, ApiHandler api, ControlPlane control)
      throws IOException {
    return new SandboxServer(new InetSocketAddress(bind, port), threads, api, control);
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops at once; requests in flight are cut off. */
  void stop() {
    server.stop(0);
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("SuprSend sandbox threads did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void dispatch(HttpExchange exchange) {
    try {
      String rawPath = exchange.getRequestURI().getRawPath();
      if (rawPath == null || rawPath.isEmpty()) {
        rawPath = "/";
      }
      byte[] body = readBody(exchange);
      if (body == null) {
        Reply.json(413, Json.object().put("code", 413).put("message", "request body too large"))
            .writeTo(exchange);
      } else if (rawPath.equals("/_sandbox") || rawPath.startsWith("/_sandbox/")) {
        control.handle(exchange, rawPath, body);
      } else {
        api.handle(exchange, rawPath, body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.debug("client connection failed", e);
    } catch (RuntimeException e) {
      LOG.warn("SuprSend sandbox failed to handle {}", exchange.getRequestURI(), e);
      if (exchange.getResponseCode() == -1) {
        try {
          Reply.routerHtml(500).writeTo(exchange);
        } catch (IOException | InterruptedException ignored) {
          // the connection is closed below either way
        }
      }
    } finally {
      exchange.close();
    }
  }

  /** The whole body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "suprsend-sandbox-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
