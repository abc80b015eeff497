package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.ContractJson;
import dev.offboarding.suprsend.contract.NotificationResult;
import dev.offboarding.suprsend.contract.NotificationResult.Channel;
import dev.offboarding.suprsend.contract.NotificationResult.Status;
import dev.offboarding.suprsend.contract.OffboardingEvent;
import dev.offboarding.suprsend.notification.Notice;
import dev.offboarding.suprsend.notification.Sent;
import dev.offboarding.suprsend.notification.SuprSendNotification;
import dev.offboarding.suprsend.notification.WebhookNotification;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Sends events on both channels (webhook, SuprSend trigger), each as its own activity on its own
 * long retry policy, in a detached cancellation scope: a notification is never cut short by a
 * cancelled workflow or a finished wait. Results, failures included, go into the {@link RunRecord};
 * a notification never changes the outcome and never compensates.
 */
final class Notifier {

  private static final Logger log = Workflow.getLogger(Notifier.class);

  private final RunRecord run;
  private final RetrySettings retry;
  private final List<Promise<Void>> inFlight = new ArrayList<>();

  Notifier(RunRecord run, RetrySettings retry) {
    this.run = run;
    this.retry = retry;
  }

  /** Sends {@code type} now, without waiting for delivery. */
  void announce(String type, String detail) {
    Instant time = RunRecord.now();
    String eventId = Workflow.randomUUID().toString();
    OffboardingEvent event =
        new OffboardingEvent(
            type,
            eventId,
            time,
            run.distinctId(),
            Workflow.getInfo().getWorkflowId(),
            run.state(),
            detail,
            run.receipt());
    Notice notice =
        new Notice(eventId, type, time.getEpochSecond(), run.distinctId(), ContractJson.write(event));
    WebhookNotification webhook =
        Workflow.newActivityStub(
            WebhookNotification.class, retry.toActivityOptions("Webhook: " + type));
    SuprSendNotification suprSend =
        Workflow.newActivityStub(
            SuprSendNotification.class, retry.toActivityOptions("SuprSend trigger: " + type));
    Workflow.newDetachedCancellationScope(
            () -> {
              inFlight.add(send(Channel.WEBHOOK, notice, webhook::send));
              inFlight.add(send(Channel.SUPRSEND_TRIGGER, notice, suprSend::trigger));
            })
        .run();
  }

  /** Waits until every notification sent so far has a result. */
  void awaitAll() {
    Workflow.newDetachedCancellationScope(() -> Promise.allOf(inFlight).get()).run();
  }

  private Promise<Void> send(Channel channel, Notice notice, Functions.Func1<Notice, Sent> call) {
    return Async.function(call, notice)
        .handle(
            (sent, failure) -> {
              NotificationResult result =
                  failure == null
                      ? new NotificationResult(
                          notice.type(),
                          notice.eventId(),
                          channel,
                          sent.status(),
                          sent.detail(),
                          RunRecord.now())
                      : new NotificationResult(
                          notice.type(),
                          notice.eventId(),
                          channel,
                          Status.FAILED,
                          why(failure),
                          RunRecord.now());
              if (result.status() == Status.FAILED) {
                log.warn("{} notification {} failed: {}", channel, notice.type(), result.detail());
              }
              run.notified(result);
              return null;
            });
  }

  private String why(RuntimeException failure) {
    Throwable cause = failure instanceof ActivityFailure ? failure.getCause() : failure;
    String last = null;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        last = app.getOriginalMessage();
        break;
      }
    }
    if (cause instanceof TimeoutFailure) {
      return "still failing when the retry window ("
          + retry.retryWindow()
          + ") ended"
          + (last == null ? "" : "; last error: " + last);
    }
    return last != null
        ? last
        : String.valueOf(cause == null ? failure.getMessage() : cause.getMessage());
  }
}
