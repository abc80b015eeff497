package dev.offboarding.suprsend.worker.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether the worker should be sent work: it polls its task queue and Temporal answers. Shutdown
 * calls {@link #drain()} first, so {@code /readyz} turns unready before polling stops.
 *
 * <p>Temporal's answer is reused for {@link #TEMPORAL_CHECK_TTL}: however often {@code /readyz} is
 * asked (probes, scrapers, anyone who can reach the port), Temporal is asked at most once per
 * period, and concurrent requests wait for the one call in flight instead of each making their own.
 * Draining and polling are read on every request.
 */
public final class Readiness {

  /** How long one answer from Temporal is reused. */
  public static final Duration TEMPORAL_CHECK_TTL = Duration.ofSeconds(3);

  private final BooleanSupplier polling;
  private final Supplier<Optional<String>> temporalProblem;
  private final Duration ttl;
  private final InstantSource clock;
  private volatile boolean draining;

  private final Object lock = new Object();
  private Instant checkedAt; // guarded by lock; null until the first check
  private Optional<String> lastAnswer = Optional.empty(); // guarded by lock

  /**
   * @param polling true while the worker polls
   * @param temporalProblem why Temporal cannot be used right now, or empty when it answers; its
   *     text is shown to anyone who can reach {@code /readyz}
   */
  public Readiness(BooleanSupplier polling, Supplier<Optional<String>> temporalProblem) {
    this(polling, temporalProblem, TEMPORAL_CHECK_TTL, InstantSource.system());
  }

  /**
   * @param ttl how long one answer from Temporal is reused
   * @param clock when it is now (tests move it by hand)
   */
  public Readiness(
      BooleanSupplier polling,
      Supplier<Optional<String>> temporalProblem,
      Duration ttl,
      InstantSource clock) {
    this.polling = polling;
    this.temporalProblem = temporalProblem;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Not ready from now on: the process is shutting down. */
  public void drain() {
    draining = true;
  }

  /** Why the worker is not ready, or empty when it is. */
  public Optional<String> problem() {
    if (draining) {
      return Optional.of("shutting down");
    }
    if (!polling.getAsBoolean()) {
      return Optional.of("the worker is not polling its task queue");
    }
    return temporal();
  }

  private Optional<String> temporal() {
    synchronized (lock) {
      Instant now = clock.instant();
      // A clock that went back counts as expired, so the answer cannot be kept forever.
      boolean fresh =
          checkedAt != null && !now.isBefore(checkedAt) && now.isBefore(checkedAt.plus(ttl));
      if (!fresh) {
        lastAnswer = temporalProblem.get();
        checkedAt = clock.instant();
      }
      return lastAnswer;
    }
  }
}
