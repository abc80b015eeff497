package dev.offboarding.suprsend.sandbox;

/** A token bucket: {@code rate} tokens per second, burst {@code max(1, rate / 10)}, starts full. */
final class TokenBucket {

  private final double rate;
  private final double tokensPerNano;
  private final double capacity;
  private double tokens;
  private long last;

  TokenBucket(double ratePerSecond) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be > 0");
    }
    this.rate = ratePerSecond;
    this.tokensPerNano = ratePerSecond / 1e9;
    this.capacity = Math.max(1.0, ratePerSecond / 10.0);
    this.tokens = capacity;
    this.last = System.nanoTime();
  }

  double rate() {
    return rate;
  }

  /** Takes a token; returns 0 when granted, else the nanoseconds until one is available. */
  synchronized long tryAcquire() {
    long now = System.nanoTime();
    tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
    last = now;
    if (tokens >= 1.0) {
      tokens -= 1.0;
      return 0;
    }
    return Math.max(1L, (long) Math.ceil((1.0 - tokens) / tokensPerNano));
  }
}
