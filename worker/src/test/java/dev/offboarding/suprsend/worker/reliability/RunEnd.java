package dev.offboarding.suprsend.worker.reliability;

import dev.offboarding.suprsend.workflow.UserOffboarding;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits until a run that could not delete has stopped and says why: it failed (the delete-only
 * shape) or it waits for an operator in {@code NEEDS_ATTENTION} (the saga shape).
 */
final class RunEnd {

  private RunEnd() {}

  /** The run's own explanation; fails the test if the run completes or keeps going. */
  static String awaitStopped(WorkflowStub run, Duration timeout) {
    String why = awaitEnd(run, timeout);
    if (why == null) {
      throw new AssertionError("the run completed");
    }
    return why;
  }

  /** Null when the run completed, else its explanation (failed, or waiting for an operator). */
  static String awaitEnd(WorkflowStub run, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        run.getResult(200, TimeUnit.MILLISECONDS, Object.class);
        return null;
      } catch (WorkflowFailedException failed) {
        return explanation(failed);
      } catch (TimeoutException stillOpen) {
        Map<?, ?> status = run.query(UserOffboarding.Queries.STATUS, Map.class);
        if ("NEEDS_ATTENTION".equals(String.valueOf(status.get("state")))) {
          return String.valueOf(status.get("lastError"));
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the run neither failed nor asked for attention in " + timeout);
      }
    }
  }

  static String explanation(WorkflowFailedException failed) {
    for (Throwable t = failed; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app.getOriginalMessage();
      }
    }
    return String.valueOf(failed.getMessage());
  }

  /** Text for a Markdown table cell. */
  static String cell(String text) {
    return String.valueOf(text).replace("|", "\\|").replace("\n", " ");
  }
}
