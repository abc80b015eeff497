package dev.offboarding.suprsend.sandbox;

/** A token bucket: {@code rate} tokens per second, at most {@code burst} at once, starts full. */
final class TokenBucket {

  private final double rate;
  private final double tokensPerNano;
  private final double capacity;
  private double tokens;
  private long last;

  TokenBucket(double ratePerSecond, double burst) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be > 0");
    }
    if (!(burst >= 1) || Double.isInfinite(burst)) {
      throw new IllegalArgumentException("burst must be >= 1 and finite");
    }
    this.rate = ratePerSecond;
    this.tokensPerNano = ratePerSecond / 1e9;
    this.capacity = burst;
    this.tokens = capacity;
    this.last = System.nanoTime();
  }

  /** A tenth of a second's worth, at least 1: the sandbox's default. */
  static double defaultBurst(double ratePerSecond) {
    return Math.max(1.0, ratePerSecond / 10.0);
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
