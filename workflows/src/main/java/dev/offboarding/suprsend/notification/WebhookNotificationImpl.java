package dev.offboarding.suprsend.notification;

import dev.offboarding.suprsend.client.RetryAfter;
import dev.offboarding.suprsend.client.SuprSendClients;
import dev.offboarding.suprsend.contract.NotificationResult.Status;
import io.temporal.failure.ApplicationFailure;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WebhookNotification} with the JDK's HTTP client: one request per attempt, no redirects.
 */
public final class WebhookNotificationImpl implements WebhookNotification {

  /** The failure type of a webhook the receiver refused (not retried). */
  public static final String REFUSED = "WebhookRefused";

  /** The failure type of a webhook that could not be delivered this time (retried). */
  public static final String UNDELIVERED = "WebhookUndelivered";

  private static final Logger log = LoggerFactory.getLogger(WebhookNotificationImpl.class);
  private static final int MAX_ECHOED_CHARS = 200;

  /** The most of a receiver's answer that is read; the rest is never downloaded. */
  static final int MAX_RESPONSE_BYTES = 4 * 1024;

  private final NotifySettings settings;
  private final HttpClient http;
  private final Clock clock;

  public WebhookNotificationImpl(NotifySettings settings) {
    this(settings, Clock.systemUTC());
  }

  /** With {@code clock} giving the signed send time of each attempt. */
  public WebhookNotificationImpl(NotifySettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.webhookTimeout())
            .build();
  }

  @Override
  public Sent send(Notice notice) {
    if (settings.webhookUrl() == null) {
      return new Sent(Status.NOT_CONFIGURED, "OFFBOARDING_WEBHOOK_URL is not set");
    }
    HttpResponse<String> response = post(signed(notice));
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      log.info("Webhook {} delivered (HTTP {})", notice.type(), status);
      return new Sent(Status.SENT, "HTTP " + status);
    }
    String said = excerpt(response.body());
    if (status == 408 || status == 425 || status == 429 || status >= 500) {
      throw temporary(status, said, response);
    }
    log.warn("Webhook {} refused with HTTP {}", notice.type(), status);
    throw ApplicationFailure.newNonRetryableFailure(
        "The webhook receiver refused the event with HTTP "
            + status
            + said
            + (status >= 300 && status < 400
                ? ": redirects are not followed, set OFFBOARDING_WEBHOOK_URL to the final URL"
                : ": retrying the same event will not help; check the receiver (and"
                    + " OFFBOARDING_WEBHOOK_SECRET if it verifies signatures)"),
        REFUSED);
  }

  /**
   * The request for {@code notice}: its body as built by the workflow (identical on every retry),
   * signed with this attempt's send time, so receivers can refuse stale timestamps.
   */
  private HttpRequest signed(Notice notice) {
    long sentAt = clock.instant().getEpochSecond();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(settings.webhookUrl())
            .timeout(settings.webhookTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", SuprSendClients.USER_AGENT)
            .header(IDEMPOTENCY_HEADER, notice.eventId())
            .header(EVENT_HEADER, notice.type())
            .header(TIMESTAMP_HEADER, Long.toString(sentAt))
            .POST(HttpRequest.BodyPublishers.ofString(notice.body(), StandardCharsets.UTF_8));
    if (settings.webhookSecret() != null) {
      request.header(
          SIGNATURE_HEADER, WebhookSignature.sign(settings.webhookSecret(), sentAt, notice.body()));
    }
    return request.build();
  }

  /**
   * Sends {@code request} and reads at most {@link #MAX_RESPONSE_BYTES} of the answer, all within
   * the webhook timeout. Failure messages name the receiver by scheme and host only: the rest of a
   * webhook URL is often a credential.
   */
  private HttpResponse<String> post(HttpRequest request) {
    CompletableFuture<HttpResponse<String>> exchange =
        http.sendAsync(request, BoundedBody.atMost(MAX_RESPONSE_BYTES));
    try {
      return exchange.get(settings.webhookTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw undelivered("did not answer (" + cause.getClass().getSimpleName() + ")");
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw undelivered("did not answer within " + settings.webhookTimeout().toSeconds() + "s");
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("Interrupted while sending the webhook", UNDELIVERED);
    }
  }

  private ApplicationFailure undelivered(String what) {
    return ApplicationFailure.newFailure(
        "The webhook receiver at "
            + settings.webhookOrigin()
            + " "
            + what
            + ": Temporal retries; check OFFBOARDING_WEBHOOK_URL and the receiver",
        UNDELIVERED);
  }

  private static ApplicationFailure temporary(
      int status, String said, HttpResponse<String> response) {
    ApplicationFailure.Builder retry =
        ApplicationFailure.newBuilder()
            .setType(UNDELIVERED)
            .setMessage(
                "The webhook receiver answered HTTP "
                    + status
                    + said
                    + ": a temporary failure, Temporal retries");
    RetryAfter.parse(
            response.headers().firstValue("Retry-After").orElse(null),
            Clock.systemUTC(),
            RetryAfter.DEFAULT_CAP)
        .ifPresent(retry::setNextRetryDelay);
    return retry.build();
  }

  private static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String flat = body.replaceAll("\\p{Cntrl}", " ").strip();
    return " (\""
        + (flat.length() > MAX_ECHOED_CHARS ? flat.substring(0, MAX_ECHOED_CHARS) + "…" : flat)
        + "\")";
  }
}
