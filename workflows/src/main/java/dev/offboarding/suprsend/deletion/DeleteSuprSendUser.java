package dev.offboarding.suprsend.deletion;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The pivot of an offboarding: delete one user from SuprSend. Once it succeeds nothing is undone.
 *
 * <p>One call is one HTTP request: retries belong to Temporal's retry policy, so every attempt is
 * durable and visible. Failures are raised as {@code ApplicationFailure}s whose type is a {@link
 * dev.offboarding.suprsend.client.FailureKind#failureType()} and whose details carry a {@link
 * DeletionFailure}.
 */
@ActivityInterface
public interface DeleteSuprSendUser {

  /** Activity type name, for worker-level activity options and other SDKs. */
  String ACTIVITY_TYPE = "DeleteSuprSendUser";

  /**
   * Deletes {@code distinctId}: {@code DELETED} on 2xx, {@code ALREADY_ABSENT} on SuprSend's own
   * user-not-found 404; anything else is a failure, retryable or not as the README's table says.
   */
  @ActivityMethod(name = ACTIVITY_TYPE)
  DeletionResult delete(String distinctId);
}
