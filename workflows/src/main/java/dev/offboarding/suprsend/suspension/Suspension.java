package dev.offboarding.suprsend.suspension;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * Suspending a user while an offboarding waits: the compensatable step before the delete. The user
 * is taken out of every SuprSend subscriber list they are in, so no list broadcast reaches them
 * during a grace period or an approval, and put back if the offboarding is called off.
 *
 * <p>Only list ids are remembered (in the workflow's history), never personal data. Every method is
 * idempotent: removing or adding twice changes nothing the second time. Failures are raised as
 * {@code ApplicationFailure}s typed like the delete's ({@link
 * dev.offboarding.suprsend.client.FailureKind#failureType()}), retryable or not alike.
 */
@ActivityInterface
public interface Suspension {

  /**
   * The ids of every list the user is in, all cursor pages read; empty when SuprSend has no such
   * user.
   */
  @ActivityMethod(name = "ListSubscriberLists")
  List<String> listsOf(String distinctId);

  /**
   * Removes the user from each list. A list that no longer exists counts as done (the user is not
   * in it).
   *
   * @return how many memberships SuprSend reported as actually removed
   */
  @ActivityMethod(name = "RemoveFromSubscriberLists")
  int removeFromLists(String distinctId, List<String> listIds);

  /**
   * Puts the user back into each list: the compensation. A list deleted meanwhile cannot be
   * restored and is reported in {@link Restored#notRestored()} instead of failing the rest.
   */
  @ActivityMethod(name = "RestoreToSubscriberLists")
  Restored restoreToLists(String distinctId, List<String> listIds);

  /**
   * What a restore did.
   *
   * @param restored the list ids the user is in again
   * @param notRestored {@code "<list id>: <why>"} for each list that could not be restored
   */
  record Restored(List<String> restored, List<String> notRestored) {}
}
