package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, stateful emulator of the parts of SuprSend's hub API this project uses, with fault
 * injection. It is a development and test tool: it never stands in for SuprSend in production.
 *
 * <p>It listens on 127.0.0.1 only, serves the API ({@code /v1/user/...}, {@code
 * /v1/subscriber_list/...}, {@code /trigger/}) behind {@code Authorization: Bearer <key>}, and an
 * unauthenticated control plane under {@code /_sandbox/} (see the module's README). All methods are
 * thread-safe.
 */
public final class SuprSendSandbox implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SuprSendSandbox.class);

  /** How many API requests, triggers and webhook calls are kept (oldest dropped first). */
  static final int RECORDED_LIMIT = 100_000;

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
  private final URI baseUrl;
  private final AtomicBoolean closed = new AtomicBoolean();

  private final SandboxState state = new SandboxState();
  private final ApiHandler api = new ApiHandler(this);
  private final ControlPlane control = new ControlPlane(this);

  private final ConcurrentHashMap<String, ConcurrentLinkedQueue<ScriptedResponse>> scripts =
      new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<ScriptedResponse> globalScript =
      new ConcurrentLinkedQueue<>();
  private final ConcurrentHashMap<String, String> idempotencyKeys = new ConcurrentHashMap<>();

  private volatile String apiKey;
  private volatile long latencyNanos;
  private volatile TokenBucket rateLimiter;
  private final Object faultLock = new Object();
  private double faultRate; // guarded by faultLock
  private SplittableRandom faultRandom = new SplittableRandom(0); // guarded by faultLock

  private final RingBuffer<RecordedRequest> requests = new RingBuffer<>(RECORDED_LIMIT);
  private final RingBuffer<TriggerCall> triggers = new RingBuffer<>(RECORDED_LIMIT);
  private final RingBuffer<WebhookCall> webhooks = new RingBuffer<>(RECORDED_LIMIT);
  private final LongAdder requestCount = new LongAdder();
  private final LongAdder arrivalCount = new LongAdder();
  private final LongAdder rateLimitedCount = new LongAdder();
  private final LongAdder deleteCount = new LongAdder();
  private final ConcurrentHashMap<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

  private SuprSendSandbox(SandboxOptions options, InetAddress bind) throws IOException {
    this.apiKey = options.apiKey();
    setLatency(options.latency());
    setRateLimit(options.rateLimitPerSecond());
    InetSocketAddress address = new InetSocketAddress(bind, options.port());
    this.server = HttpServer.create(address, 1024);
    this.executor =
        new ThreadPoolExecutor(
            options.threads(),
            options.threads(),
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads());
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
    this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Starts a sandbox on 127.0.0.1; {@code options.port() == 0} picks a free port.
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static SuprSendSandbox start(SandboxOptions options) {
    return start(options, InetAddress.getLoopbackAddress());
  }

  /**
   * Starts a sandbox listening on {@code bind}. Only for a container, whose network is private
   * (docker-compose's sandbox profile binds 0.0.0.0): the control plane has no authentication.
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static SuprSendSandbox start(SandboxOptions options, InetAddress bind) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(bind, "bind");
    try {
      SuprSendSandbox sandbox = new SuprSendSandbox(options, bind);
      LOG.debug("SuprSend sandbox listening on {}", sandbox.baseUrl);
      return sandbox;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the SuprSend sandbox", e);
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:54321}, without a trailing slash. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The bound port. */
  public int port() {
    return baseUrl.getPort();
  }

  /** The address it listens on: loopback unless started with another. */
  public InetAddress bindAddress() {
    return server.getAddress().getAddress();
  }

  /** The API key currently accepted. */
  public String apiKey() {
    return apiKey;
  }

  /** Rotates the accepted key: requests with the old one now get 401. */
  public void setApiKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("key must not be blank");
    }
    this.apiKey = key;
  }

  /** Adds a user (no-op if it exists). */
  public void addUser(String distinctId) {
    addUsers(List.of(requireId(distinctId)));
  }

  /** Adds users (existing ones are left alone). */
  public void addUsers(Collection<String> ids) {
    ids.forEach(SuprSendSandbox::requireId);
    state.addUsers(ids);
  }

  /** Whether the user exists. */
  public boolean hasUser(String distinctId) {
    return state.hasUser(distinctId);
  }

  /** How many users exist. */
  public int userCount() {
    return state.userCount();
  }

  /** Puts a user in a subscriber list, creating the list and the user if missing. */
  public void subscribe(String distinctId, String listId) {
    state.addToList(requireId(listId), List.of(requireId(distinctId)));
  }

  /** Ids of the lists the user is in, sorted (empty if the user does not exist). */
  public Set<String> listsOf(String distinctId) {
    return state.listsOf(distinctId);
  }

  /**
   * Queues answers for the next {@code DELETE /v1/user/{id}/} calls for this id (after they pass
   * auth and the rate limit); when the queue is empty normal behaviour resumes.
   */
  public void script(String distinctId, ScriptedResponse... responses) {
    requireId(distinctId);
    List<ScriptedResponse> list = Arrays.asList(responses.clone());
    list.forEach(r -> Objects.requireNonNull(r, "response"));
    scripts.computeIfAbsent(distinctId, k -> new ConcurrentLinkedQueue<>()).addAll(list);
  }

  /** Queues answers for the next DELETE calls for any id; per-id scripts are served first. */
  public void scriptAll(ScriptedResponse... responses) {
    List<ScriptedResponse> list = Arrays.asList(responses.clone());
    list.forEach(r -> Objects.requireNonNull(r, "response"));
    globalScript.addAll(list);
  }

  /** Latency added to every API request (not to {@code /_sandbox/*}). */
  public void setLatency(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    this.latencyNanos = latency.toNanos();
  }

  /**
   * Token-bucket rate limit for API requests, checked after authentication; {@code 0} turns it off.
   * Burst is {@code max(1, rate / 10)}. Over the limit: 429 with {@code Retry-After}.
   */
  public void setRateLimit(double requestsPerSecond) {
    if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
      throw new IllegalArgumentException("rate must be >= 0 and finite");
    }
    this.rateLimiter = requestsPerSecond == 0 ? null : new TokenBucket(requestsPerSecond);
  }

  /**
   * Answers a random share of DELETE calls (not consumed by a script) with 503 before anything
   * changes; {@code 0} turns it off. The seed makes the sequence repeatable.
   */
  public void setFaultRate(double fraction, long seed) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be within 0..1");
    }
    synchronized (faultLock) {
      this.faultRate = fraction;
      this.faultRandom = new SplittableRandom(seed);
    }
  }

  /** The API requests received, oldest first (at most the latest 100 000). */
  public List<RecordedRequest> requests() {
    return requests.snapshot();
  }

  /** Forgets the recorded API requests (stats are kept). */
  public void clearRequests() {
    requests.clear();
  }

  /** Totals since start or the last {@link #reset()}. */
  public SandboxStats stats() {
    Map<Integer, Long> counts = new HashMap<>();
    byStatus.forEach((status, n) -> counts.put(status, n.sum()));
    return new SandboxStats(requestCount.sum(), counts, rateLimitedCount.sum(), deleteCount.sum());
  }

  /**
   * API requests received so far, counted on arrival, before latency, scripted delays or the
   * answer; unlike {@link SandboxStats#requests()} it already counts calls still in flight.
   */
  public long requestsReceived() {
    return arrivalCount.sum();
  }

  /** The {@code POST /trigger/} calls received, oldest first. */
  public List<TriggerCall> triggers() {
    return triggers.snapshot();
  }

  /** The calls to {@link #webhookUrl()}, oldest first. */
  public List<WebhookCall> webhooks() {
    return webhooks.snapshot();
  }

  /** Where the built-in webhook receiver listens: {@code baseUrl + "/_sandbox/webhook"}. */
  public URI webhookUrl() {
    return URI.create(baseUrl + "/_sandbox/webhook");
  }

  /**
   * Forgets users, lists, scripts, idempotency keys, recordings and stats; keeps the key, latency,
   * rate limit and fault rate.
   */
  public void reset() {
    state.clear();
    scripts.clear();
    globalScript.clear();
    idempotencyKeys.clear();
    requests.clear();
    triggers.clear();
    webhooks.clear();
    requestCount.reset();
    arrivalCount.reset();
    rateLimitedCount.reset();
    deleteCount.reset();
    byStatus.clear();
  }

  /** Stops the server at once; requests in flight are cut off. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
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

  @Override
  public String toString() {
    return "SuprSendSandbox[" + baseUrl + "]";
  }

  // ---- package-private hooks for the handlers ----

  SandboxState state() {
    return state;
  }

  long latencyNanos() {
    return latencyNanos;
  }

  boolean isAuthorized(String authorization) {
    if (authorization == null || authorization.length() < 7) {
      return false;
    }
    if (!authorization.substring(0, 7).equalsIgnoreCase("Bearer ")) {
      return false;
    }
    byte[] presented = authorization.substring(7).getBytes(StandardCharsets.UTF_8);
    byte[] expected = apiKey.getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(presented, expected);
  }

  /** 0 when the request may proceed, else nanoseconds until the next token. */
  long rateLimitWaitNanos() {
    TokenBucket bucket = rateLimiter;
    return bucket == null ? 0 : bucket.tryAcquire();
  }

  void countRateLimited() {
    rateLimitedCount.increment();
  }

  void countDelete() {
    deleteCount.increment();
  }

  ScriptedResponse nextScript(String distinctId) {
    ConcurrentLinkedQueue<ScriptedResponse> queue = scripts.get(distinctId);
    ScriptedResponse next = queue == null ? null : queue.poll();
    return next != null ? next : globalScript.poll();
  }

  boolean faultHit() {
    synchronized (faultLock) {
      return faultRate > 0 && faultRandom.nextDouble() < faultRate;
    }
  }

  /** Remembers the key; returns the message id of an earlier call with it, else null. */
  String rememberIdempotencyKey(String key, String messageId) {
    return idempotencyKeys.putIfAbsent(key, messageId);
  }

  void countArrival() {
    arrivalCount.increment();
  }

  void recordRequest(RecordedRequest request) {
    requests.add(request);
    requestCount.increment();
    byStatus.computeIfAbsent(request.status(), s -> new LongAdder()).increment();
  }

  void recordTrigger(TriggerCall call) {
    triggers.add(call);
  }

  void recordWebhook(WebhookCall call) {
    webhooks.add(call);
  }

  ObjectNode configJson() {
    ObjectNode out = Json.object();
    out.put("latency_ms", TimeUnit.NANOSECONDS.toMillis(latencyNanos));
    TokenBucket bucket = rateLimiter;
    out.put("rate_limit", bucket == null ? 0 : bucket.rate());
    synchronized (faultLock) {
      out.put("fault_rate", faultRate);
    }
    out.put("api_key_set", true);
    return out;
  }

  // ---- dispatch ----

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

  private static String requireId(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    return id;
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
