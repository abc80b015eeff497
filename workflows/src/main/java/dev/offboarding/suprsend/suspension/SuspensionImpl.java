package dev.offboarding.suprsend.suspension;

import dev.offboarding.suprsend.client.FailureKind;
import dev.offboarding.suprsend.client.SuprSendApiException;
import dev.offboarding.suprsend.client.SuprSendListApi;
import dev.offboarding.suprsend.client.SuprSendListApi.DistinctIds;
import dev.offboarding.suprsend.client.SuprSendListApi.Entry;
import dev.offboarding.suprsend.client.SuprSendListApi.ListPage;
import dev.offboarding.suprsend.client.SuprSendUserApi;
import feign.FeignException;
import feign.RetryableException;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Suspension} over SuprSend's subscriber-list API. */
public final class SuspensionImpl implements Suspension {

  /** Lists asked for per page: SuprSend's documented maximum. */
  static final int PAGE_SIZE = 100;

  /** A guard against a server whose cursor never ends: 1,000 pages of 100 lists. */
  static final int MAX_PAGES = 1_000;

  private static final Logger log = LoggerFactory.getLogger(SuspensionImpl.class);

  private final SuprSendListApi api;
  private final SuprSendUserApi users;

  public SuspensionImpl(SuprSendListApi api, SuprSendUserApi users) {
    this.api = api;
    this.users = users;
  }

  @Override
  public List<String> listsOf(String distinctId) {
    Set<String> ids = new LinkedHashSet<>();
    String after = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      Map<String, Object> query = new HashMap<>();
      query.put("limit", PAGE_SIZE);
      if (after != null) {
        query.put("after", after);
      }
      ListPage answer;
      try {
        answer = api.subscribedLists(distinctId, query);
      } catch (SuprSendApiException e) {
        if (e.kind() == FailureKind.USER_NOT_FOUND) {
          log.info("SuprSend has no such user: nothing to suspend");
          return List.of();
        }
        throw failure("Reading the user's subscriber lists failed", e);
      } catch (FeignException e) {
        throw unreachable("Reading the user's subscriber lists failed", e);
      }
      if (answer != null && answer.results() != null) {
        for (Entry entry : answer.results()) {
          if (entry.listId() != null && !entry.listId().isEmpty()) {
            ids.add(entry.listId());
          }
        }
      }
      boolean more = answer != null && answer.meta() != null && answer.meta().hasNext();
      String next = more ? answer.meta().after() : null;
      if (next == null || next.isEmpty() || next.equals(after)) {
        return List.copyOf(ids);
      }
      after = next;
      Activity.getExecutionContext().heartbeat(ids.size());
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "SuprSend kept answering more pages of subscriber lists after "
            + MAX_PAGES
            + " pages: refusing to go on. Check the user in SuprSend's dashboard",
        FailureKind.REJECTED.failureType());
  }

  @Override
  public int removeFromLists(String distinctId, List<String> listIds) {
    int removed = 0;
    for (String listId : listIds) {
      try {
        removed += api.remove(listId, DistinctIds.of(distinctId)).affectedCount();
      } catch (SuprSendApiException e) {
        if (listIsGone(e)) {
          log.info("List {} no longer exists: the user is not in it", listId);
          continue;
        }
        throw failure("Removing the user from list " + listId + " failed", e);
      } catch (FeignException e) {
        throw unreachable("Removing the user from list " + listId + " failed", e);
      }
    }
    log.info("Suspended: removed from {} of {} list(s)", removed, listIds.size());
    return removed;
  }

  @Override
  public Restored restoreToLists(String distinctId, List<String> listIds) {
    if (listIds.isEmpty()) {
      return new Restored(List.of(), List.of());
    }
    // Adding to a list may create a missing user: never re-create one that is gone (deleted by
    // an attempt whose answer was lost, or by someone else meanwhile).
    try {
      users.getUser(distinctId);
    } catch (SuprSendApiException e) {
      if (e.kind() == FailureKind.USER_NOT_FOUND) {
        log.warn(
            "The user is no longer in SuprSend: not restoring any list (it would re-create them)");
        return new Restored(
            List.of(),
            listIds.stream()
                .map(id -> id + ": the user is no longer in SuprSend, so they were not re-added")
                .toList());
      }
      throw failure("Checking that the user still exists before restoring lists failed", e);
    } catch (FeignException e) {
      throw unreachable("Checking that the user still exists before restoring lists failed", e);
    }
    List<String> restored = new ArrayList<>();
    List<String> notRestored = new ArrayList<>();
    for (String listId : listIds) {
      try {
        api.add(listId, DistinctIds.of(distinctId));
        restored.add(listId);
      } catch (SuprSendApiException e) {
        if (listIsGone(e)) {
          notRestored.add(listId + ": the list no longer exists in SuprSend");
          continue;
        }
        throw failure("Putting the user back into list " + listId + " failed", e);
      } catch (FeignException e) {
        throw unreachable("Putting the user back into list " + listId + " failed", e);
      }
    }
    log.info("Restored to {} list(s), {} not restorable", restored.size(), notRestored.size());
    return new Restored(restored, notRestored);
  }

  /**
   * SuprSend's own JSON list-not-found 404 naming exactly this list ({@link
   * FailureKind#LIST_NOT_FOUND}, decided by the error decoder): any other 404 (HTML, empty, a
   * route-not-found JSON, another list's id) did not come from the list API and fails.
   */
  private static boolean listIsGone(SuprSendApiException e) {
    return e.kind() == FailureKind.LIST_NOT_FOUND;
  }

  private static ApplicationFailure failure(String what, SuprSendApiException e) {
    FailureKind kind =
        e.kind() == FailureKind.USER_NOT_FOUND || e.kind() == FailureKind.LIST_NOT_FOUND
            ? FailureKind.REJECTED
            : e.kind();
    ApplicationFailure.Builder failure =
        ApplicationFailure.newBuilder()
            .setMessage(what + ": " + e.getMessage())
            .setType(kind.failureType())
            .setNonRetryable(!kind.retryable());
    e.retryAfter().ifPresent(failure::setNextRetryDelay);
    if (kind == FailureKind.RATE_LIMITED) {
      failure.setCategory(ApplicationErrorCategory.BENIGN);
    }
    return failure.build();
  }

  private static ApplicationFailure unreachable(String what, FeignException e) {
    String cause =
        e instanceof RetryableException && e.getCause() != null
            ? e.getCause().getClass().getSimpleName()
            : "HTTP " + e.status();
    return ApplicationFailure.newFailure(
        what
            + ": could not reach SuprSend ("
            + cause
            + "). Temporal retries; check SUPRSEND_BASE_URL and the network if it persists",
        FailureKind.UNREACHABLE.failureType());
  }
}
