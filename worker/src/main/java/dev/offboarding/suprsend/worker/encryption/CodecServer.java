package dev.offboarding.suprsend.worker.encryption;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's codec server protocol over the JDK's HTTP server, so the Temporal UI and {@code
 * temporal} CLI can show encrypted payloads decrypted: {@code POST /encode} and {@code POST
 * /decode} with {@code {"payloads": [...]}} (also under a prefix such as {@code
 * /{namespace}/decode}).
 *
 * <p>It is a decryption oracle for whoever can call it, so every encode/decode request must present
 * the token: {@code Authorization: Bearer <token>} (the {@code temporal} CLI's {@code
 * --codec-auth}), or, because the Temporal UI cannot add headers, the token as a path segment
 * before the operation ({@code TEMPORAL_CODEC_ENDPOINT=http://host:8888/<token>}). Browsers get
 * CORS headers only for the configured origins; preflights need no token (browsers never send one).
 * Request paths and bodies are never logged.
 */
public final class CodecServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CodecServer.class);
  private static final int MAX_BODY_BYTES = 8 << 20;

  private final HttpServer server;
  private final ExecutorService executor;
  private final CodecServerConfig config;
  private final AesGcmPayloadCodec codec;
  private final byte[] token;

  private CodecServer(CodecServerConfig config) throws IOException {
    this.config = config;
    this.codec = new AesGcmPayloadCodec(config.keys());
    this.token = config.token().getBytes(StandardCharsets.UTF_8);
    this.server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 64);
    this.executor = Executors.newFixedThreadPool(4, daemon());
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts listening; {@code config.port() == 0} picks a free port. */
  public static CodecServer start(CodecServerConfig config) {
    try {
      CodecServer codecServer = new CodecServer(config);
      log.info(
          "Codec server listening on {}:{} (keys {}, CORS origins {})",
          config.bind(),
          codecServer.port(),
          config.keys().keyIds(),
          config.corsOrigins());
      return codecServer;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not listen on "
              + config.bind()
              + ":"
              + config.port()
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /** The address it listens on ({@link CodecServerConfig#BIND}). */
  public java.net.InetAddress address() {
    return server.getAddress().getAddress();
  }

  /** The bound port (the chosen one when started with 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String origin = exchange.getRequestHeaders().getFirst("Origin");
      boolean allowedOrigin = origin != null && config.corsOrigins().contains(origin);
      if (allowedOrigin) {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Origin", origin);
        headers.set("Access-Control-Allow-Credentials", "true");
        headers.set("Vary", "Origin");
      }
      String method = exchange.getRequestMethod();
      if (method.equals("OPTIONS")) {
        if (allowedOrigin) {
          Headers headers = exchange.getResponseHeaders();
          headers.set("Access-Control-Allow-Methods", "POST, OPTIONS");
          headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Namespace");
          headers.set("Access-Control-Max-Age", "600");
        }
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      List<String> segments = segments(exchange.getRequestURI().getRawPath());
      String operation = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
      if (!operation.equals("encode") && !operation.equals("decode")) {
        reply(exchange, 404, "{\"message\":\"not found: POST /encode or /decode\"}");
        return;
      }
      if (!method.equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST, OPTIONS");
        reply(exchange, 405, "{\"message\":\"use POST\"}");
        return;
      }
      if (!authorized(exchange, segments)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        reply(
            exchange,
            401,
            "{\"message\":\"a bearer token is required (Authorization: Bearer <"
                + CodecServerConfig.TOKEN
                + ">)\"}");
        return;
      }
      byte[] body = readBody(exchange);
      if (body == null) {
        reply(exchange, 413, "{\"message\":\"request body too large\"}");
        return;
      }
      Payloads.Builder request = Payloads.newBuilder();
      try {
        JsonFormat.parser()
            .ignoringUnknownFields()
            .merge(new String(body, StandardCharsets.UTF_8), request);
      } catch (InvalidProtocolBufferException e) {
        reply(exchange, 400, "{\"message\":\"the body is not {\\\"payloads\\\": [...]}\"}");
        return;
      }
      Payloads result;
      try {
        result =
            Payloads.newBuilder()
                .addAllPayloads(
                    operation.equals("encode")
                        ? codec.encode(request.getPayloadsList())
                        : codec.decode(request.getPayloadsList()))
                .build();
      } catch (PayloadCodecException e) {
        String why = e.getCause() == null ? "decoding failed" : e.getCause().getMessage();
        reply(
            exchange,
            422,
            "{\"message\":"
                + JsonFormat.printer().print(com.google.protobuf.StringValue.of(why))
                + "}");
        return;
      }
      reply(exchange, 200, JsonFormat.printer().omittingInsignificantWhitespace().print(result));
    } catch (RuntimeException e) {
      log.warn("Codec server request failed: {}", e.getClass().getSimpleName());
      exchange.sendResponseHeaders(500, -1);
    }
  }

  /** The bearer header, or a path segment before the operation, equals the token. */
  private boolean authorized(HttpExchange exchange, List<String> segments) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      if (matches(header.substring(7).trim())) {
        return true;
      }
    }
    for (int i = 0; i < segments.size() - 1; i++) {
      if (matches(segments.get(i))) {
        return true;
      }
    }
    return false;
  }

  private boolean matches(String presented) {
    return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token);
  }

  private static List<String> segments(String rawPath) {
    if (rawPath == null) {
      return List.of();
    }
    return java.util.Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty()).toList();
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "codec-server");
      t.setDaemon(true);
      return t;
    };
  }
}
