package dev.offboarding.suprsend.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.client.SuprSendApiException;
import dev.offboarding.suprsend.client.SuprSendTriggerApi;
import dev.offboarding.suprsend.client.SuprSendTriggerApi.Accepted;
import dev.offboarding.suprsend.client.SuprSendTriggerApi.Trigger;
import dev.offboarding.suprsend.contract.NotificationResult.Status;
import feign.FeignException;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SuprSendNotification} through SuprSend's {@code POST /trigger/}, with {@link TriggerData}
 * (a summary of the event, the user hashed on hashed runs) as the workflow's data.
 */
public final class SuprSendNotificationImpl implements SuprSendNotification {

  /** The failure type of a trigger SuprSend refused (not retried). */
  public static final String REFUSED = "SuprSendTriggerRefused";

  /** The failure type of a trigger that could not be sent this time (retried). */
  public static final String UNSENT = "SuprSendTriggerUnsent";

  private static final Logger log = LoggerFactory.getLogger(SuprSendNotificationImpl.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SuprSendTriggerApi api;
  private final NotifySettings settings;

  public SuprSendNotificationImpl(SuprSendTriggerApi api, NotifySettings settings) {
    this.api = api;
    this.settings = settings;
  }

  @Override
  public Sent trigger(Notice notice) {
    if (settings.suprSendWorkflow() == null || settings.recipients().isEmpty()) {
      return new Sent(
          Status.NOT_CONFIGURED,
          "SUPRSEND_NOTIFY_WORKFLOW and SUPRSEND_NOTIFY_RECIPIENTS are not both set");
    }
    List<String> recipients =
        settings.recipients().stream().filter(r -> !r.equals(notice.distinctId())).toList();
    String dropped = "";
    if (recipients.size() < settings.recipients().size()) {
      // Loud on purpose: a recipient equal to the user would re-create the deleted profile.
      log.warn(
          "SUPRSEND_NOTIFY_RECIPIENTS contains the user being offboarded: not notifying them"
              + " (a notification would re-create the profile). Remove them from the variable");
      dropped = "; the user being offboarded was dropped from the recipients";
    }
    if (recipients.isEmpty()) {
      return new Sent(
          Status.SKIPPED,
          "no recipient left: SUPRSEND_NOTIFY_RECIPIENTS only names the user being offboarded");
    }
    JsonNode data;
    try {
      data = TriggerData.of(notice, JSON.readTree(notice.body()), JSON);
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The event is not JSON: " + e.getMessage(), REFUSED);
    }
    try {
      Accepted accepted =
          api.trigger(new Trigger(settings.suprSendWorkflow(), recipients, data, notice.eventId()));
      String messageId = accepted == null ? null : accepted.messageId();
      log.info(
          "SuprSend accepted the {} notification for {} recipient(s)",
          notice.type(),
          recipients.size());
      return new Sent(
          Status.SENT,
          "accepted for "
              + recipients.size()
              + " recipient(s)"
              + (messageId == null ? "" : ", message id " + messageId)
              + dropped);
    } catch (SuprSendApiException e) {
      String message =
          e.status() == 404
              ? "SuprSend answered 404 to the trigger"
                  + (e.suprSendMessage() == null ? "" : " (\"" + e.suprSendMessage() + "\")")
                  + ": check that the workflow SUPRSEND_NOTIFY_WORKFLOW exists in the workspace,"
                  + " and SUPRSEND_BASE_URL"
              : "SuprSend did not accept the trigger: " + e.getMessage();
      ApplicationFailure.Builder failure =
          ApplicationFailure.newBuilder()
              .setMessage(message)
              .setType(e.kind().retryable() ? UNSENT : REFUSED)
              .setNonRetryable(!e.kind().retryable());
      e.retryAfter().ifPresent(failure::setNextRetryDelay);
      if (e.status() == 429) {
        failure.setCategory(ApplicationErrorCategory.BENIGN);
      }
      throw failure.build();
    } catch (FeignException e) {
      throw ApplicationFailure.newFailure(
          "Could not reach SuprSend to trigger the notification ("
              + (e.getCause() != null
                  ? e.getCause().getClass().getSimpleName()
                  : "HTTP " + e.status())
              + "): Temporal retries",
          UNSENT);
    }
  }
}
