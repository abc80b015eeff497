package dev.offboarding.suprsend.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells a long-running command ({@code dev}, {@code server}, {@code sandbox}) when to stop, and
 * lets the stopper wait until it has shut down gracefully.
 *
 * <p>In the real process the signal is SIGTERM or Ctrl-C: a JVM shutdown hook requests the stop and
 * then waits (bounded) for the command to finish its cleanup, so that the JVM does not exit halfway
 * through a graceful shutdown. Tests use {@link #manual()} and {@link #requestStop()}.
 */
public final class StopSignal {

  /** How long a shutdown hook waits for the command's cleanup before the JVM exits anyway. */
  public static final Duration CLEANUP_LIMIT = Duration.ofSeconds(60);

  private final boolean jvmShutdown;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch cleanedUp = new CountDownLatch(1);
  private final AtomicBoolean hookInstalled = new AtomicBoolean();

  private StopSignal(boolean jvmShutdown) {
    this.jvmShutdown = jvmShutdown;
  }

  /** Stops on JVM shutdown (SIGTERM, SIGINT/Ctrl-C). */
  public static StopSignal onJvmShutdown() {
    return new StopSignal(true);
  }

  /** Stops when {@link #requestStop()} is called. */
  public static StopSignal manual() {
    return new StopSignal(false);
  }

  /** Asks the command to stop. */
  public void requestStop() {
    stopRequested.countDown();
  }

  /** True once a stop was requested. */
  public boolean isStopRequested() {
    return stopRequested.getCount() == 0;
  }

  /** Blocks until a stop is requested. */
  public void await() throws InterruptedException {
    if (jvmShutdown && hookInstalled.compareAndSet(false, true)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    requestStop();
                    try {
                      cleanedUp.await(CLEANUP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "offboard-graceful-stop"));
    }
    stopRequested.await();
  }

  /** The command calls this when its cleanup is done; the stopper stops waiting. */
  public void cleanedUp() {
    cleanedUp.countDown();
  }

  /** Waits until the command has cleaned up; true when it did within {@code timeout}. */
  public boolean awaitCleanup(Duration timeout) throws InterruptedException {
    return cleanedUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
