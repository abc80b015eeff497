package dev.offboarding.suprsend.workflow;

import dev.offboarding.suprsend.contract.ContractJson;
import dev.offboarding.suprsend.contract.NotificationResult;
import dev.offboarding.suprsend.contract.NotificationResult.Channel;
import dev.offboarding.suprsend.contract.NotificationResult.Status;
import dev.offboarding.suprsend.contract.OffboardingEvent;
import dev.offboarding.suprsend.notification.ChannelResult;
import dev.offboarding.suprsend.notification.Delivery;
import dev.offboarding.suprsend.notification.Notice;
import dev.offboarding.suprsend.notification.Notifications;
import dev.offboarding.suprsend.notification.NotifySettings;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Sends events on the configured channels (webhook, SuprSend trigger) as one activity ({@link
 * Notifications}) on its own long retry policy, in a detached cancellation scope: a notification is
 * never cut short by a cancelled workflow or a finished wait. With no channel configured no
 * activity is scheduled at all. Results, failures included, go into the {@link RunRecord}; a
 * notification never changes the outcome and never compensates. The event carries a digest of the
 * receipt, not the receipt.
 */
final class Notifier {

  private static final Logger log = Workflow.getLogger(Notifier.class);

  private final RunRecord run;
  private final RetrySettings retry;
  private final List<Channel> channels;
  private final List<Promise<Void>> inFlight = new ArrayList<>();

  Notifier(RunRecord run, RetrySettings retry, List<Channel> channels) {
    this.run = run;
    this.retry = retry;
    this.channels = List.copyOf(channels);
  }

  /** Sends {@code type} now, without waiting for delivery. */
  void announce(String type, String detail) {
    Instant time = RunRecord.now();
    String eventId = Workflow.randomUUID().toString();
    for (Channel channel : Channel.values()) {
      if (!channels.contains(channel)) {
        run.notified(
            new NotificationResult(
                type,
                eventId,
                channel,
                Status.NOT_CONFIGURED,
                NotifySettings.notConfigured(channel),
                time));
      }
    }
    if (channels.isEmpty()) {
      return;
    }
    OffboardingEvent event =
        new OffboardingEvent(
            type,
            eventId,
            time,
            run.distinctId(),
            Workflow.getInfo().getWorkflowId(),
            run.state(),
            detail,
            run.digest());
    Notice notice =
        new Notice(
            eventId, type, time.getEpochSecond(), run.distinctId(), ContractJson.write(event));
    Notifications notify =
        Workflow.newActivityStub(
            Notifications.class, retry.toActivityOptions("Notify " + names() + ": " + type));
    Workflow.newDetachedCancellationScope(
            () ->
                inFlight.add(
                    Async.function(notify::notify, notice)
                        .handle((delivery, failure) -> record(notice, delivery, failure))))
        .run();
  }

  /** Waits until every notification sent so far has a result. */
  void awaitAll() {
    Workflow.newDetachedCancellationScope(() -> Promise.allOf(inFlight).get()).run();
  }

  /** True when no notification is on its way. */
  boolean idle() {
    return inFlight.stream().allMatch(Promise::isCompleted);
  }

  private Void record(Notice notice, Delivery delivery, RuntimeException failure) {
    List<ChannelResult> done = new ArrayList<>();
    if (delivery != null) {
      done.addAll(delivery.results());
    } else {
      done.addAll(lastProgress(failure));
    }
    for (Channel channel : channels) {
      ChannelResult result =
          done.stream()
              .filter(r -> r.channel() == channel)
              .findFirst()
              .orElse(new ChannelResult(channel, Status.FAILED, why(failure)));
      if (result.status() == Status.FAILED) {
        log.warn("{} notification {} failed: {}", channel, notice.type(), result.detail());
      }
      run.notified(
          new NotificationResult(
              notice.type(),
              notice.eventId(),
              channel,
              result.status(),
              result.detail(),
              RunRecord.now()));
    }
    return null;
  }

  /** The channels that were done when the retry window ran out (the activity's heartbeat). */
  private static List<ChannelResult> lastProgress(RuntimeException failure) {
    if (failure != null
        && failure.getCause() instanceof TimeoutFailure timeout
        && timeout.getLastHeartbeatDetails().getSize() > 0) {
      return timeout.getLastHeartbeatDetails().get(Delivery.class).results();
    }
    return List.of();
  }

  private String names() {
    return String.join(
        " + ",
        channels.stream().map(c -> c == Channel.WEBHOOK ? "webhook" : "SuprSend trigger").toList());
  }

  private String why(RuntimeException failure) {
    if (failure == null) {
      return "no result";
    }
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
