package dev.offboarding.suprsend.worker.reliability;

import dev.offboarding.suprsend.deletion.DeleteSuprSendUser;
import dev.offboarding.suprsend.deletion.DeletionResult;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps the real {@code DeleteSuprSendUser} and remembers every attempt per distinct id: when it
 * ran and what it ended with. Temporal's history keeps only an activity's last attempt, and the
 * fault matrix wants to see each one.
 */
final class RecordingDelete implements DeleteSuprSendUser {

  /** One attempt: its start, and the outcome or the failure type. */
  record Attempt(Instant startedAt, Instant endedAt, String result, boolean nonRetryable) {

    java.time.Duration took() {
      return java.time.Duration.between(startedAt, endedAt);
    }
  }

  private final DeleteSuprSendUser delegate;
  private final Map<String, List<Attempt>> attempts = new ConcurrentHashMap<>();
  private final Map<String, List<Instant>> starts = new ConcurrentHashMap<>();

  RecordingDelete(DeleteSuprSendUser delegate) {
    this.delegate = delegate;
  }

  @Override
  public DeletionResult delete(String distinctId) {
    Instant started = Instant.now();
    starts.computeIfAbsent(distinctId, k -> new CopyOnWriteArrayList<>()).add(started);
    List<Attempt> list = attempts.computeIfAbsent(distinctId, k -> new CopyOnWriteArrayList<>());
    try {
      DeletionResult result = delegate.delete(distinctId);
      list.add(new Attempt(started, Instant.now(), result.outcome().name(), false));
      return result;
    } catch (ApplicationFailure failure) {
      list.add(new Attempt(started, Instant.now(), failure.getType(), failure.isNonRetryable()));
      throw failure;
    }
  }

  /** When each attempt started, including attempts that have not finished yet. */
  List<Instant> startsOf(String distinctId) {
    return List.copyOf(starts.getOrDefault(distinctId, List.of()));
  }

  /** Finished attempts. */
  List<Attempt> attemptsOf(String distinctId) {
    // Ordered by start: an attempt Temporal timed out may finish after the next one.
    return attempts.getOrDefault(distinctId, List.of()).stream()
        .sorted(java.util.Comparator.comparing(Attempt::startedAt))
        .toList();
  }
}
