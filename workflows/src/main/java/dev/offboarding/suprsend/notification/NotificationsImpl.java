package dev.offboarding.suprsend.notification;

import dev.offboarding.suprsend.contract.NotificationResult.Channel;
import dev.offboarding.suprsend.contract.NotificationResult.Status;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Notifications} over the two channel implementations, called as plain objects, side by side
 * (each within its own timeout).
 */
public final class NotificationsImpl implements Notifications {

  private static final Logger log = LoggerFactory.getLogger(NotificationsImpl.class);

  private final WebhookNotification webhook;
  private final SuprSendNotification trigger;
  private final NotifySettings settings;
  private final ExecutorService channels =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "notification-channel");
            thread.setDaemon(true);
            return thread;
          });

  public NotificationsImpl(
      WebhookNotification webhook, SuprSendNotification trigger, NotifySettings settings) {
    this.webhook = webhook;
    this.trigger = trigger;
    this.settings = settings;
  }

  @Override
  public Delivery notify(Notice notice) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    List<ChannelResult> done =
        new ArrayList<>(
            context.getHeartbeatDetails(Delivery.class).map(Delivery::results).orElse(List.of()));
    Map<Channel, CompletableFuture<Sent>> open = new LinkedHashMap<>();
    for (Channel channel : Channel.values()) {
      if (done.stream().anyMatch(r -> r.channel() == channel)) {
        continue;
      }
      if (!settings.configuredChannels().contains(channel)) {
        done.add(
            new ChannelResult(
                channel, Status.NOT_CONFIGURED, NotifySettings.notConfigured(channel)));
        continue;
      }
      open.put(channel, CompletableFuture.supplyAsync(() -> send(channel, notice), channels));
    }
    RuntimeException retry = null;
    for (var entry : open.entrySet()) {
      Channel channel = entry.getKey();
      try {
        Sent sent = entry.getValue().join();
        done.add(new ChannelResult(channel, sent.status(), sent.detail()));
      } catch (CompletionException e) {
        RuntimeException failure =
            e.getCause() instanceof RuntimeException cause ? cause : new RuntimeException(e);
        if (failure instanceof ApplicationFailure app && app.isNonRetryable()) {
          done.add(new ChannelResult(channel, Status.FAILED, app.getOriginalMessage()));
        } else {
          if (!(failure instanceof ApplicationFailure)) {
            log.warn("{} notification {} failed", channel, notice.type(), failure);
          }
          retry = retry == null ? failure : retry;
        }
      }
    }
    Delivery delivery = new Delivery(done);
    if (retry != null) {
      // Remembered for the next attempt, which sends only on the channels still open.
      context.heartbeat(delivery);
      throw retry;
    }
    return delivery;
  }

  private Sent send(Channel channel, Notice notice) {
    return channel == Channel.WEBHOOK ? webhook.send(notice) : trigger.trigger(notice);
  }
}
