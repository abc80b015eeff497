package dev.offboarding.suprsend.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.offboarding.suprsend.contract.NotificationResult.Status;
import io.temporal.failure.ApplicationFailure;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The webhook channel against a real receiver on loopback: what it signs, how much of an answer it
 * reads, and that the webhook URL shows only its scheme and host in messages and logs.
 */
class WebhookDeliveryTest {

  private static final String SECRET = "whsec-delivery-0123456789";

  /** A Slack-style URL: the path and query are the credential. */
  private static final String SECRET_PATH = "/services/T0001/B0002/XyZsecretTokenAbc?token=qq77";

  private static final Instant EVENT_TIME = Instant.parse("2026-11-28T10:15:00Z");
  private static final String BODY =
      "{\"type\":\"offboarding.completed\",\"id\":\"3b6f0c1e-8d5a-4f0e-9a57-2d1c4e6b7a90\","
          + "\"time\":\"2026-11-28T10:15:00Z\",\"distinctId\":\"user-42\"}";
  private static final Notice NOTICE =
      new Notice(
          "3b6f0c1e-8d5a-4f0e-9a57-2d1c4e6b7a90",
          "offboarding.completed",
          EVENT_TIME.getEpochSecond(),
          "user-42",
          BODY);

  private final WebhookReceiver receiver = new WebhookReceiver();

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  private static WebhookNotificationImpl webhookTo(URI url, Duration timeout, Clock clock) {
    return new WebhookNotificationImpl(
        new NotifySettings(url, SECRET, timeout, null, List.of()), clock);
  }

  private WebhookNotificationImpl webhook() {
    return webhookTo(receiver.url("/hook"), Duration.ofSeconds(5), Clock.systemUTC());
  }

  private static ApplicationFailure failureOf(WebhookNotificationImpl webhook) {
    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> webhook.send(NOTICE));
    assertThat(failure).as("the webhook should have failed").isNotNull();
    return failure;
  }

  // ---- the signed timestamp ----

  @Test
  void eachAttemptIsSignedWithItsSendTimeSoReceiversCanRefuseStaleRequests() {
    Instant threeDaysLater = EVENT_TIME.plus(Duration.ofDays(3));
    WebhookNotificationImpl retry =
        webhookTo(
            receiver.url("/hook"),
            Duration.ofSeconds(5),
            Clock.fixed(threeDaysLater, ZoneOffset.UTC));

    assertThat(retry.send(NOTICE).status()).isEqualTo(Status.SENT);

    WebhookReceiver.Received request = receiver.received.get(0);
    String timestamp = request.header(WebhookNotification.TIMESTAMP_HEADER);
    String signature = request.header(WebhookNotification.SIGNATURE_HEADER);
    assertThat(timestamp).isEqualTo(Long.toString(threeDaysLater.getEpochSecond()));
    assertThat(request.body()).isEqualTo(BODY);
    // A receiver following docs/operations.md: fresh signature, then the body's event id.
    assertThat(
            WebhookSignature.verify(
                SECRET,
                timestamp,
                request.body(),
                signature,
                threeDaysLater.plusSeconds(20),
                WebhookSignature.DEFAULT_TOLERANCE))
        .isTrue();
    assertThat(
            WebhookSignature.verify(
                SECRET,
                timestamp,
                request.body(),
                signature,
                threeDaysLater.plus(Duration.ofMinutes(6)),
                WebhookSignature.DEFAULT_TOLERANCE))
        .as("the same request replayed six minutes later")
        .isFalse();
  }

  // ---- bounded answers ----

  @Test
  void anEndlessErrorAnswerIsReadOnlyAFewKilobytesAndTheConnectionDropped() throws Exception {
    receiver.answer(WebhookReceiver.endless(500));
    ApplicationFailure failure =
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> failureOf(webhook()));
    assertThat(failure.getType()).isEqualTo(WebhookNotificationImpl.UNDELIVERED);
    assertThat(failure.getOriginalMessage())
        .startsWith("The webhook receiver answered HTTP 500 (\"xxx")
        .hasSizeLessThan(400);
    assertThat(receiver.dropped.await(10, TimeUnit.SECONDS))
        .as("the worker closed the connection instead of reading on")
        .isTrue();
    assertThat(receiver.bytesWritten.get()).isLessThan(32L * 1024 * 1024);
  }

  @Test
  void anEndlessSuccessfulAnswerIsNotDownloaded() throws Exception {
    receiver.answer(WebhookReceiver.endless(200));
    Sent sent = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> webhook().send(NOTICE));
    assertThat(sent).isEqualTo(new Sent(Status.SENT, "HTTP 200"));
    assertThat(receiver.dropped.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void anAnswerThatTricklesInFailsWhenTheWebhookTimeoutEnds() {
    receiver.answer(WebhookReceiver.drip(503, 1, 200));
    WebhookNotificationImpl webhook =
        webhookTo(receiver.url("/hook"), Duration.ofSeconds(2), Clock.systemUTC());
    ApplicationFailure failure =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> failureOf(webhook));
    assertThat(failure.getType()).isEqualTo(WebhookNotificationImpl.UNDELIVERED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("did not answer");
  }

  // ---- the URL stays out of messages and logs ----

  @Test
  void theWebhookUrlShowsOnlyItsSchemeAndHostInMessagesLogsAndSettings() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    List<String> texts = new ArrayList<>();
    try {
      WebhookNotificationImpl webhook =
          webhookTo(receiver.url(SECRET_PATH), Duration.ofSeconds(5), Clock.systemUTC());
      for (WebhookReceiver.Answer answer :
          List.of(
              WebhookReceiver.status(200, "ok"),
              WebhookReceiver.status(403, "forbidden"),
              WebhookReceiver.status(503, "busy"),
              (exchange, r) -> {
                exchange.getResponseHeaders().add("Location", receiver.url(SECRET_PATH).toString());
                exchange.sendResponseHeaders(302, -1);
              })) {
        receiver.answer(answer);
        try {
          texts.add(webhook.send(NOTICE).detail());
        } catch (ApplicationFailure failure) {
          texts.add(failure.getOriginalMessage());
        }
      }
      URI closed;
      try (ServerSocket socket = new ServerSocket(0)) {
        closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + SECRET_PATH);
      }
      ApplicationFailure unreachable =
          failureOf(webhookTo(closed, Duration.ofSeconds(2), Clock.systemUTC()));
      texts.add(unreachable.getOriginalMessage());
      assertThat(unreachable.getOriginalMessage())
          .startsWith("The webhook receiver at http://127.0.0.1 did not answer (");
      NotifySettings settings = new NotifySettings(closed, SECRET, null, null, List.of());
      texts.add(settings.toString());
      assertThat(settings.webhookOrigin()).isEqualTo("http://127.0.0.1");
    } finally {
      root.detachAppender(logs);
    }
    logs.list.forEach(event -> texts.add(event.getFormattedMessage()));
    assertThat(logs.list).as("something was logged to search").isNotEmpty();
    assertThat(texts)
        .hasSizeGreaterThan(6)
        .noneMatch(t -> t.contains("XyZsecretTokenAbc"))
        .noneMatch(t -> t.contains("qq77"))
        .noneMatch(t -> t.contains("/services/"));
  }
}
