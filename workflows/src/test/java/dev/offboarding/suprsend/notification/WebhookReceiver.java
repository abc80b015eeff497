package dev.offboarding.suprsend.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook receiver on the loopback interface (the JDK's HTTP server), answering every request
 * with what a test scripts: a status and a body of any size, even an endless one, at any pace.
 */
final class WebhookReceiver implements AutoCloseable {

  /** What one request looked like. */
  record Received(Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** How to answer. */
  interface Answer {
    void write(HttpExchange exchange, WebhookReceiver receiver) throws IOException;
  }

  private final HttpServer server;
  private volatile Answer answer = status(200, "ok");
  final List<Received> received = new CopyOnWriteArrayList<>();

  /** Bytes of body written by endless answers before the client went away. */
  final AtomicLong bytesWritten = new AtomicLong();

  /** Counted down when an endless answer could write no more: the client dropped it. */
  final CountDownLatch dropped = new CountDownLatch(1);

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          received.add(
              new Received(
                  Map.copyOf(exchange.getRequestHeaders()),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          try {
            answer.write(exchange, this);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  /** {@code http://127.0.0.1:<port>} followed by {@code pathAndQuery}. */
  URI url(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  void answer(Answer answer) {
    this.answer = answer;
  }

  static Answer status(int status, String body) {
    return (exchange, receiver) -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    };
  }

  /** {@code status} with a chunked body that never ends, written as fast as the client reads. */
  static Answer endless(int status) {
    return drip(status, 64 * 1024, 0);
  }

  /**
   * {@code status} with a chunked body that never ends: {@code chunk} bytes every {@code pauseMs}.
   */
  static Answer drip(int status, int chunk, long pauseMs) {
    return (exchange, receiver) -> {
      exchange.sendResponseHeaders(status, 0);
      byte[] bytes = "x".repeat(chunk).getBytes(StandardCharsets.US_ASCII);
      OutputStream out = exchange.getResponseBody();
      try {
        while (true) {
          out.write(bytes);
          out.flush();
          receiver.bytesWritten.addAndGet(bytes.length);
          if (pauseMs > 0) {
            Thread.sleep(pauseMs);
          }
        }
      } catch (IOException | InterruptedException clientWentAway) {
        receiver.dropped.countDown();
      }
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
