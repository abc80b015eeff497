package dev.offboarding.suprsend.worker;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces this worker's SuprSend requests evenly, at most {@code requestsPerSecond}, with no burst:
 * each request waits for its own slot ({@code 1/rate} after the previous one).
 *
 * <p>Why on top of Temporal's activity rate limits: both of those count activity tasks per second
 * over a one-second window, so a backlog is released in a burst at the start of every second. A
 * limiter on SuprSend's side that allows only a small burst (a token bucket) answers most of that
 * burst with 429. Temporal's limit bounds how many tasks a worker holds; this spreads them out.
 * Waiting happens inside the activity attempt, so it counts against the attempt timeout: Temporal's
 * per-worker limit at the same rate keeps the wait to about a second. With a limit for all workers,
 * {@link LimitShare} sets the rate to this worker's share of it.
 */
final class RequestPacer implements RequestInterceptor {

  private long intervalNanos;
  private long nextSlot;

  RequestPacer(double requestsPerSecond) {
    this.intervalNanos = intervalFor(requestsPerSecond);
    this.nextSlot = System.nanoTime();
  }

  /** From the next request on, at most {@code requestsPerSecond} (see {@link LimitShare}). */
  synchronized void setRate(double requestsPerSecond) {
    intervalNanos = intervalFor(requestsPerSecond);
  }

  private static long intervalFor(double requestsPerSecond) {
    if (!(requestsPerSecond > 0)) {
      throw new IllegalArgumentException("requestsPerSecond must be > 0");
    }
    return (long) Math.ceil(1e9 / requestsPerSecond);
  }

  /** Waits for this request's slot. */
  @Override
  public void apply(RequestTemplate template) {
    long waitNanos = reserve();
    long deadline = System.nanoTime() + waitNanos;
    while (waitNanos > 0) {
      LockSupport.parkNanos(waitNanos);
      if (Thread.currentThread().isInterrupted()) {
        return; // shutting down: send now rather than hold the attempt
      }
      waitNanos = deadline - System.nanoTime();
    }
  }

  /** Takes the next slot; returns how long to wait for it. */
  synchronized long reserve() {
    long now = System.nanoTime();
    long slot = Math.max(now, nextSlot);
    nextSlot = slot + intervalNanos;
    return slot - now;
  }

  /** The spacing between requests. */
  synchronized long interval(TimeUnit unit) {
    return unit.convert(intervalNanos, TimeUnit.NANOSECONDS);
  }
}
