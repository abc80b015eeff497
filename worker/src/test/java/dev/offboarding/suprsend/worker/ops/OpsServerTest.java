package dev.offboarding.suprsend.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The operations endpoint over real HTTP: where it listens and how often it asks Temporal. */
class OpsServerTest {

  private static final HttpClient http = HttpClient.newHttpClient();

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final AtomicInteger temporalCalls = new AtomicInteger();
  private final AtomicReference<Optional<String>> temporalAnswer =
      new AtomicReference<>(Optional.empty());

  private Readiness readiness() {
    return new Readiness(
        () -> true,
        () -> {
          temporalCalls.incrementAndGet();
          return temporalAnswer.get();
        },
        Duration.ofSeconds(3),
        now::get);
  }

  private static OpsServer start(Readiness readiness) {
    return OpsServer.start(InetAddress.getLoopbackAddress(), 0, () -> "# metrics\n", readiness);
  }

  private static HttpResponse<String> get(OpsServer server, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void listensOnTheGivenAddressOnly() {
    try (OpsServer server = start(readiness())) {
      assertThat(server.address().isLoopbackAddress()).isTrue();
      assertThat(server.address().isAnyLocalAddress()).isFalse();
    }
  }

  @Test
  void readyzAsksTemporalAtMostOncePerPeriodHoweverOftenItIsCalled() throws Exception {
    try (OpsServer server = start(readiness())) {
      for (int i = 0; i < 20; i++) {
        assertThat(get(server, OpsServer.READY_PATH).statusCode()).isEqualTo(200);
      }
      assertThat(temporalCalls).hasValue(1);

      // Temporal goes away: the cached "ready" stands until the period is over, then 503.
      temporalAnswer.set(Optional.of("Temporal is unreachable (UNAVAILABLE)"));
      now.set(Instant.EPOCH.plusMillis(2_999));
      assertThat(get(server, OpsServer.READY_PATH).statusCode()).isEqualTo(200);
      assertThat(temporalCalls).hasValue(1);

      now.set(Instant.EPOCH.plusSeconds(3));
      HttpResponse<String> unready = get(server, OpsServer.READY_PATH);
      assertThat(unready.statusCode()).isEqualTo(503);
      assertThat(unready.body()).isEqualTo("not ready: Temporal is unreachable (UNAVAILABLE)\n");
      for (int i = 0; i < 10; i++) {
        assertThat(get(server, OpsServer.READY_PATH).statusCode()).isEqualTo(503);
      }
      assertThat(temporalCalls).hasValue(2);

      // A clock that jumps back does not keep an answer forever.
      temporalAnswer.set(Optional.empty());
      now.set(Instant.EPOCH.minusSeconds(60));
      assertThat(get(server, OpsServer.READY_PATH).statusCode()).isEqualTo(200);
      assertThat(temporalCalls).hasValue(3);

      // Liveness and metrics never ask Temporal.
      assertThat(get(server, OpsServer.HEALTH_PATH).statusCode()).isEqualTo(200);
      assertThat(get(server, OpsServer.METRICS_PATH).statusCode()).isEqualTo(200);
      assertThat(temporalCalls).hasValue(3);
    }
  }

  @Test
  void drainingTurnsUnreadyAtOnceWhateverTheCacheHolds() throws Exception {
    Readiness readiness = readiness();
    try (OpsServer server = start(readiness)) {
      assertThat(get(server, OpsServer.READY_PATH).statusCode()).isEqualTo(200);
      readiness.drain();
      HttpResponse<String> draining = get(server, OpsServer.READY_PATH);
      assertThat(draining.statusCode()).isEqualTo(503);
      assertThat(draining.body()).isEqualTo("not ready: shutting down\n");
    }
  }

  @Test
  void concurrentRequestsShareOneSlowTemporalCall() throws Exception {
    Readiness readiness =
        new Readiness(
            () -> true,
            () -> {
              temporalCalls.incrementAndGet();
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return Optional.empty();
            },
            Duration.ofSeconds(3),
            now::get);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try (OpsServer server = start(readiness)) {
      List<Callable<Integer>> requests = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        requests.add(() -> get(server, OpsServer.READY_PATH).statusCode());
      }
      for (Future<Integer> status : clients.invokeAll(requests)) {
        assertThat(status.get()).isEqualTo(200);
      }
      assertThat(temporalCalls).hasValue(1);
    } finally {
      clients.shutdownNow();
    }
  }
}
