package dev.offboarding.suprsend.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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

  private final SandboxState state = new SandboxState();
  private final FaultInjection faults = new FaultInjection();
  private final Recordings recordings = new Recordings();
  private final BearerAuth auth;
  private final SandboxServer server;
  private final URI baseUrl;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SuprSendSandbox(SandboxOptions options, InetAddress bind) throws IOException {
    this.auth = new BearerAuth(options.apiKey());
    setLatency(options.latency());
    setRateLimit(options.rateLimitPerSecond());
    this.server =
        SandboxServer.start(
            bind,
            options.port(),
            options.threads(),
            new ApiHandler(state, auth, faults, recordings),
            new ControlPlane(this, state, faults, recordings));
    this.baseUrl = URI.create("http://127.0.0.1:" + server.address().getPort());
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
    return server.address().getAddress();
  }

  /** The API key currently accepted. */
  public String apiKey() {
    return auth.apiKey();
  }

  /** Rotates the accepted key: requests with the old one now get 401. */
  public void setApiKey(String key) {
    auth.setApiKey(key);
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
    faults.script(requireId(distinctId), Arrays.asList(responses.clone()));
  }

  /** Queues answers for the next DELETE calls for any id; per-id scripts are served first. */
  public void scriptAll(ScriptedResponse... responses) {
    faults.scriptAll(Arrays.asList(responses.clone()));
  }

  /** Latency added to every API request (not to {@code /_sandbox/*}). */
  public void setLatency(Duration latency) {
    faults.setLatency(latency);
  }

  /**
   * Token-bucket rate limit for API requests, checked after authentication; {@code 0} turns it off.
   * Burst is {@code max(1, rate / 10)}. Over the limit: 429 with {@code Retry-After}.
   */
  public void setRateLimit(double requestsPerSecond) {
    faults.setRateLimit(requestsPerSecond, TokenBucket.defaultBurst(requestsPerSecond));
  }

  /** As {@link #setRateLimit(double)}, with a burst of {@code burst} requests (at least 1). */
  public void setRateLimit(double requestsPerSecond, double burst) {
    faults.setRateLimit(requestsPerSecond, burst);
  }

  /**
   * Answers a random share of DELETE calls (not consumed by a script) with 503 before anything
   * changes; {@code 0} turns it off. The seed makes the sequence repeatable.
   */
  public void setFaultRate(double fraction, long seed) {
    faults.setFaultRate(fraction, seed);
  }

  /** The API requests received, oldest first (at most the latest 100 000). */
  public List<RecordedRequest> requests() {
    return recordings.requests();
  }

  /** Forgets the recorded API requests (stats are kept). */
  public void clearRequests() {
    recordings.clearRequests();
  }

  /** Totals since start or the last {@link #reset()}. */
  public SandboxStats stats() {
    return recordings.stats();
  }

  /**
   * API requests received so far, counted on arrival, before latency, scripted delays or the
   * answer; unlike {@link SandboxStats#requests()} it already counts calls still in flight.
   */
  public long requestsReceived() {
    return recordings.requestsReceived();
  }

  /** The {@code POST /trigger/} calls received, oldest first. */
  public List<TriggerCall> triggers() {
    return recordings.triggers();
  }

  /** The calls to {@link #webhookUrl()}, oldest first. */
  public List<WebhookCall> webhooks() {
    return recordings.webhooks();
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
    faults.clearScripts();
    recordings.clear();
  }

  /** Stops the server at once; requests in flight are cut off. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop();
  }

  @Override
  public String toString() {
    return "SuprSendSandbox[" + baseUrl + "]";
  }

  private static String requireId(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    return id;
  }
}
