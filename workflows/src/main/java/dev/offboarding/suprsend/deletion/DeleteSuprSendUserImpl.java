package dev.offboarding.suprsend.deletion;

import dev.offboarding.suprsend.client.FailureKind;
import dev.offboarding.suprsend.client.HttpStatus;
import dev.offboarding.suprsend.client.SuprSendApiException;
import dev.offboarding.suprsend.client.SuprSendUserApi;
import dev.offboarding.suprsend.contract.DistinctIds;
import dev.offboarding.suprsend.contract.Outcome;
import feign.FeignException;
import feign.RetryableException;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls SuprSend through {@link SuprSendUserApi} and maps the answer to an outcome or failure. */
public final class DeleteSuprSendUserImpl implements DeleteSuprSendUser {

  /** The failure type for ids that can never be sent. */
  public static final String INVALID_DISTINCT_ID = "InvalidDistinctId";

  private static final Logger log = LoggerFactory.getLogger(DeleteSuprSendUserImpl.class);

  private final SuprSendUserApi api;

  public DeleteSuprSendUserImpl(SuprSendUserApi api) {
    this.api = api;
  }

  @Override
  public DeletionResult delete(String distinctId) {
    // 1-based on a real server; Temporal's single-attempt TestActivityEnvironment reports 0.
    int attempt = Math.max(1, Activity.getExecutionContext().getInfo().getAttempt());
    String problem = DistinctIds.problemWith(distinctId);
    if (problem != null) {
      throw withoutStackTrace(
          ApplicationFailure.newNonRetryableFailure(
              problem, INVALID_DISTINCT_ID, new DeletionFailure(INVALID_DISTINCT_ID, 0, attempt)));
    }
    try {
      HttpStatus status = api.deleteUser(distinctId);
      log.info("SuprSend deleted the user (HTTP {}, attempt {})", status.code(), attempt);
      return new DeletionResult(Outcome.DELETED, status.code(), attempt);
    } catch (SuprSendApiException e) {
      if (e.kind() == FailureKind.USER_NOT_FOUND) {
        log.info("SuprSend has no such user: already absent (attempt {})", attempt);
        return new DeletionResult(Outcome.ALREADY_ABSENT, e.status(), attempt);
      }
      log.warn("Delete attempt {} failed: {}", attempt, e.getMessage());
      throw toFailure(e.kind(), e.status(), e.getMessage(), e.retryAfter().orElse(null), attempt);
    } catch (RetryableException e) {
      // Feign raises this for I/O problems (refused, reset, timeouts) since it never retries
      // itself.
      String message =
          "Could not reach SuprSend: "
              + describe(e.getCause() != null ? e.getCause() : e)
              + ". Temporal retries with exponential backoff; check SUPRSEND_BASE_URL and the network"
              + " if it persists";
      log.warn("Delete attempt {} failed: {}", attempt, message);
      throw toFailure(FailureKind.UNREACHABLE, 0, message, null, attempt);
    } catch (FeignException e) {
      // Should not happen (the error decoder classifies every status); retry rather than lose it.
      String message = "Unexpected answer from SuprSend (HTTP " + e.status() + "); retried";
      log.warn("Delete attempt {} failed: {}", attempt, message);
      throw toFailure(FailureKind.UNAVAILABLE, e.status(), message, null, attempt);
    }
  }

  private static ApplicationFailure toFailure(
      FailureKind kind, int status, String message, Duration retryAfter, int attempt) {
    DeletionFailure details = new DeletionFailure(kind.name(), status, attempt);
    ApplicationFailure.Builder failure =
        ApplicationFailure.newBuilder()
            .setMessage(message)
            .setType(kind.failureType())
            .setDetails(details)
            .setNonRetryable(!kind.retryable());
    if (retryAfter != null) {
      failure.setNextRetryDelay(retryAfter);
    }
    if (kind == FailureKind.RATE_LIMITED) {
      // An expected, self-healing condition: no error logs or failure metrics from the SDK.
      failure.setCategory(ApplicationErrorCategory.BENIGN);
    }
    return withoutStackTrace(failure.build());
  }

  /**
   * The failure without this JVM's stack trace: the message and type say everything about an HTTP
   * answer, and a Java stack in every failed attempt's history event is kilobytes a parked run
   * repeats each cycle.
   */
  private static ApplicationFailure withoutStackTrace(ApplicationFailure failure) {
    failure.setStackTrace(new StackTraceElement[0]);
    return failure;
  }

  /** The exception's class and message, without the URL (it carries the distinct id). */
  private static String describe(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage();
    int executing = message.indexOf(" executing ");
    if (executing >= 0) {
      message = message.substring(0, executing);
    }
    return t.getClass().getSimpleName() + (message.isEmpty() ? "" : " (" + message + ")");
  }
}
