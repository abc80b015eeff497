package dev.offboarding.suprsend.worker.ops;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether the worker should be sent work: it polls its task queue and Temporal answers. Shutdown
 * calls {@link #drain()} first, so {@code /readyz} turns unready before polling stops.
 */
public final class Readiness {

  private final BooleanSupplier polling;
  private final Supplier<Optional<String>> temporalProblem;
  private volatile boolean draining;

  /**
   * @param polling true while the worker polls
   * @param temporalProblem why Temporal cannot be used right now, or empty when it answers
   */
  public Readiness(BooleanSupplier polling, Supplier<Optional<String>> temporalProblem) {
    this.polling = polling;
    this.temporalProblem = temporalProblem;
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
    return temporalProblem.get();
  }
}
