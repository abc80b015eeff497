package dev.offboarding.suprsend.sandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the sandbox saw: API requests, triggers and webhook calls (bounded), and counters. */
final class Recordings {

  /** How many API requests, triggers and webhook calls are kept (oldest dropped first). */
  static final int LIMIT = 100_000;

  private final RingBuffer<RecordedRequest> requests = new RingBuffer<>(LIMIT);
  private final RingBuffer<TriggerCall> triggers = new RingBuffer<>(LIMIT);
  private final RingBuffer<WebhookCall> webhooks = new RingBuffer<>(LIMIT);
  private final LongAdder requestCount = new LongAdder();
  private final LongAdder arrivalCount = new LongAdder();
  private final LongAdder rateLimitedCount = new LongAdder();
  private final LongAdder deleteCount = new LongAdder();
  private final ConcurrentHashMap<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

  void countArrival() {
    arrivalCount.increment();
  }

  void countRateLimited() {
    rateLimitedCount.increment();
  }

  void countDelete() {
    deleteCount.increment();
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

  List<RecordedRequest> requests() {
    return requests.snapshot();
  }

  List<TriggerCall> triggers() {
    return triggers.snapshot();
  }

  List<WebhookCall> webhooks() {
    return webhooks.snapshot();
  }

  /** Forgets the recorded API requests; the counters stay. */
  void clearRequests() {
    requests.clear();
  }

  SandboxStats stats() {
    Map<Integer, Long> counts = new HashMap<>();
    byStatus.forEach((status, n) -> counts.put(status, n.sum()));
    return new SandboxStats(requestCount.sum(), counts, rateLimitedCount.sum(), deleteCount.sum());
  }

  long requestsReceived() {
    return arrivalCount.sum();
  }

  /** Forgets every recording and counter. */
  void clear() {
    requests.clear();
    triggers.clear();
    webhooks.clear();
    requestCount.reset();
    arrivalCount.reset();
    rateLimitedCount.reset();
    deleteCount.reset();
    byStatus.clear();
  }
}
