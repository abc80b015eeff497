package dev.offboarding.suprsend.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * What the sandbox does wrong on purpose: added latency, a rate limit, a random share of failing
 * deletes and scripted answers for the next deletes. Thread-safe.
 */
final class FaultInjection {

  private final ConcurrentHashMap<String, ConcurrentLinkedQueue<ScriptedResponse>> scripts =
      new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<ScriptedResponse> globalScript =
      new ConcurrentLinkedQueue<>();

  private volatile long latencyNanos;
  private volatile TokenBucket rateLimiter;
  private final Object faultLock = new Object();
  private double faultRate; // guarded by faultLock
  private SplittableRandom faultRandom = new SplittableRandom(0); // guarded by faultLock

  /** Queues answers for the next deletes of {@code distinctId}. */
  void script(String distinctId, List<ScriptedResponse> responses) {
    responses.forEach(r -> Objects.requireNonNull(r, "response"));
    scripts.computeIfAbsent(distinctId, k -> new ConcurrentLinkedQueue<>()).addAll(responses);
  }

  /** Queues answers for the next deletes of any id; per-id scripts are served first. */
  void scriptAll(List<ScriptedResponse> responses) {
    responses.forEach(r -> Objects.requireNonNull(r, "response"));
    globalScript.addAll(responses);
  }

  /** The next scripted answer for a delete of {@code distinctId}, or null: behave normally. */
  ScriptedResponse nextScript(String distinctId) {
    ConcurrentLinkedQueue<ScriptedResponse> queue = scripts.get(distinctId);
    ScriptedResponse next = queue == null ? null : queue.poll();
    return next != null ? next : globalScript.poll();
  }

  void clearScripts() {
    scripts.clear();
    globalScript.clear();
  }

  void setLatency(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    this.latencyNanos = latency.toNanos();
  }

  /** Waits the configured latency. */
  void delay() throws InterruptedException {
    long latency = latencyNanos;
    if (latency > 0) {
      TimeUnit.NANOSECONDS.sleep(latency);
    }
  }

  void setRateLimit(double requestsPerSecond, double burst) {
    if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
      throw new IllegalArgumentException("rate must be >= 0 and finite");
    }
    this.rateLimiter = requestsPerSecond == 0 ? null : new TokenBucket(requestsPerSecond, burst);
  }

  /** 0 when the request may proceed, else nanoseconds until the next token. */
  long rateLimitWaitNanos() {
    TokenBucket bucket = rateLimiter;
    return bucket == null ? 0 : bucket.tryAcquire();
  }

  void setFaultRate(double fraction, long seed) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be within 0..1");
    }
    synchronized (faultLock) {
      this.faultRate = fraction;
      this.faultRandom = new SplittableRandom(seed);
    }
  }

  /** Whether this delete is one of the random share that fails. */
  boolean faultHit() {
    synchronized (faultLock) {
      return faultRate > 0 && faultRandom.nextDouble() < faultRate;
    }
  }

  /** Latency, rate limit and fault rate, as {@code GET /_sandbox/config} shows them. */
  ObjectNode configJson() {
    ObjectNode out = Json.object();
    out.put("latency_ms", TimeUnit.NANOSECONDS.toMillis(latencyNanos));
    TokenBucket bucket = rateLimiter;
    out.put("rate_limit", bucket == null ? 0 : bucket.rate());
    synchronized (faultLock) {
      out.put("fault_rate", faultRate);
    }
    return out;
  }
}
