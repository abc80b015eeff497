package dev.offboarding.suprsend.worker.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.offboarding.suprsend.client.PathSegment;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WireMock as SuprSend: {@code DELETE /v1/user/{id}/} with the right Bearer key answers 204; a
 * seeded share of users first get a 503 (a WireMock scenario per user). A listener records every
 * answer, so the test asks WireMock, not the project's code, which users were deleted.
 */
final class WireMockStandIn implements SuprSendStandIn {

  private static final String PREFIX = "/v1/user/";

  private final WireMockServer server;
  private final String apiKey;
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();
  private final Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private double faultRate;

  WireMockStandIn(String apiKey) {
    this.apiKey = apiKey;
    server = new WireMockServer(options().dynamicPort().containerThreads(64));
    server.addMockServiceRequestListener(
        (request, response) -> {
          requests.incrementAndGet();
          byStatus
              .computeIfAbsent(response.getStatus(), s -> new AtomicInteger())
              .incrementAndGet();
          String path = request.getUrl();
          if (request.getMethod().getName().equals("DELETE")
              && response.getStatus() / 100 == 2
              && path.startsWith(PREFIX)
              && path.endsWith("/")) {
            String segment = path.substring(PREFIX.length(), path.length() - 1);
            deleted.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
          }
        });
    server.start();
  }

  @Override
  public String name() {
    return "WireMock (not part of this project)";
  }

  @Override
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  @Override
  public void prepare(Collection<String> users, double faultRate, long seed) {
    server.stubFor(
        delete(urlPathMatching(PREFIX + "[^/]+/"))
            .atPriority(5)
            .withHeader("Authorization", equalTo("Bearer " + apiKey))
            .willReturn(aResponse().withStatus(204)));
    this.faultRate = faultRate;
    Random random = new Random(seed);
    for (String user : users) {
      if (random.nextDouble() < faultRate) {
        server.stubFor(
            delete(urlPathEqualTo(PREFIX + PathSegment.encode(user) + "/"))
                .atPriority(1)
                .inScenario(user)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(
                    aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":503,\"message\":\"service unavailable\"}"))
                .willSetStateTo("recovered"));
      }
    }
  }

  @Override
  public int deletedCount() {
    return deleted.size();
  }

  @Override
  public boolean deleted(String user) {
    return deleted.contains(user);
  }

  @Override
  public Map<String, Object> figures() {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put(
        "transient faults", "a seeded " + faultRate + " of users get 503 on their first DELETE");
    Map<Integer, Integer> statuses = new TreeMap<>();
    byStatus.forEach((status, n) -> statuses.put(status, n.get()));
    figures.put("SuprSend answers (status: count)", statuses);
    figures.put("API requests (DELETE)", requests.get());
    return figures;
  }

  @Override
  public void close() {
    server.stop();
  }
}
