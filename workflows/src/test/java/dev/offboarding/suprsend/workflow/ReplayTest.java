package dev.offboarding.suprsend.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingReceipt;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OperatorRequest;
import dev.offboarding.suprsend.notification.NotifySettings;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Determinism guard. Histories recorded from the workflow live in {@code
 * src/test/resources/histories}; every one must replay against today's code. Until a shape has
 * shipped (no run of it in flight) change it freely and re-record them; once it has, a change that
 * breaks one needs {@code Workflow.getVersion}, not a re-recorded file (docs/architecture.md).
 *
 * <p>To record histories of the current shape, run {@code mvn -pl workflows test -Dtest=ReplayTest
 * -Drecord.histories=src/test/resources/histories}.
 */
class ReplayTest {

  static final Path RECORDED = Path.of("src/test/resources/histories");

  @RegisterExtension
  static WireMockExtension suprSend =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static Stream<Path> recordedHistories() throws IOException {
    try (Stream<Path> files = Files.walk(RECORDED)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("recordedHistories")
  void recordedHistoryReplays(Path file) throws Exception {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
    WorkflowReplayer.replayWorkflowExecution(history, UserOffboardingImpl.class);
  }

  @Test
  void thereAreRecordedHistoriesOfEveryPath() throws IOException {
    assertThat(recordedHistories().map(p -> p.getFileName().toString()))
        .contains(
            "deleted.json",
            "already-absent.json",
            "retried.json",
            "auth-parked-retried.json",
            "grace-cancelled.json",
            "deleted-notified.json",
            "continued-first-run.json",
            "continued-last-run.json");
  }

  /** Freshly produced histories of every path replay too (and are written out when recording). */
  @Test
  void currentHistoriesReplay() throws Exception {
    Map<String, String> histories = new LinkedHashMap<>();
    try (OffboardingTestRig rig = new OffboardingTestRig(suprSend, RetrySettings.delete())) {
      respond(List.of(aResponse().withStatus(204)));
      rig.offboard("replay-deleted");
      histories.put("deleted", export(rig, "replay-deleted"));

      respond(
          List.of(
              aResponse()
                  .withStatus(404)
                  .withHeader("Content-Type", "application/json")
                  .withBody(
                      "{\"code\":404,\"message\":\"user [distinct_id: 'replay-absent'] not found\"}")));
      rig.offboard("replay-absent");
      histories.put("already-absent", export(rig, "replay-absent"));

      respond(
          List.of(
              aResponse().withStatus(503),
              aResponse().withStatus(429).withHeader("Retry-After", "30"),
              aResponse().withStatus(204)));
      rig.offboard("replay-retried");
      histories.put("retried", export(rig, "replay-retried"));

      respond(List.of(aResponse().withStatus(401), aResponse().withStatus(204)));
      WorkflowClient.start(
          rig.stubFor("replay-auth")::offboard, OffboardingRequest.of("replay-auth"));
      rig.awaitState("replay-auth", OffboardingState.NEEDS_ATTENTION);
      rig.running("replay-auth").retry(new OperatorRequest("replay", "key fixed"));
      rig.untyped(OffboardingIds.workflowIdFor("replay-auth")).getResult(OffboardingReceipt.class);
      histories.put("auth-parked-retried", export(rig, "replay-auth"));

      respond(List.of(aResponse().withStatus(204)));
      suprSend.stubFor(
          get(urlPathMatching("/v1/user/.*/subscribed_to/list/"))
              .willReturn(
                  okJson(
                      "{\"meta\":{\"count\":1,\"limit\":100,\"has_prev\":false,\"before\":null,"
                          + "\"has_next\":false,\"after\":null},\"results\":[{\"list_id\":\"news\","
                          + "\"list_name\":\"News\"}]}")));
      suprSend.stubFor(
          post(urlPathMatching("/v1/subscriber_list/.*/subscriber/.*/"))
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"success\":true,\"affected_count\":1}")));
      suprSend.stubFor(get(urlPathMatching("/v1/user/[^/]+/")).willReturn(okJson("{}")));
      WorkflowClient.start(
          rig.stubFor("replay-grace")::offboard,
          OffboardingRequest.of("replay-grace").withGracePeriod(Duration.ofHours(72)));
      rig.awaitState("replay-grace", OffboardingState.GRACE_PERIOD);
      rig.running("replay-grace").cancel(new OperatorRequest("replay", "changed their mind"));
      rig.untyped(OffboardingIds.workflowIdFor("replay-grace")).getResult(OffboardingReceipt.class);
      histories.put("grace-cancelled", export(rig, "replay-grace"));

      // Many retries: the run continues as new; both runs' histories replay.
      List<com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder> turns =
          new java.util.ArrayList<>();
      for (int i = 0; i < Continuation.MAX_RETRIES_PER_RUN + 1; i++) {
        turns.add(aResponse().withStatus(401));
      }
      turns.add(aResponse().withStatus(204));
      respond(turns);
      var first =
          WorkflowClient.start(
              rig.stubFor("replay-long")::offboard, OffboardingRequest.of("replay-long"));
      for (int i = 0; i <= Continuation.MAX_RETRIES_PER_RUN; i++) {
        rig.awaitState("replay-long", OffboardingState.NEEDS_ATTENTION);
        rig.running("replay-long").retry(new OperatorRequest("replay", "try " + i));
      }
      rig.untyped(OffboardingIds.workflowIdFor("replay-long")).getResult(OffboardingReceipt.class);
      histories.put(
          "continued-first-run",
          rig.client
              .fetchHistory(OffboardingIds.workflowIdFor("replay-long"), first.getRunId())
              .toJson(true));
      histories.put("continued-last-run", export(rig, "replay-long"));
    }
    suprSend.resetAll();
    suprSend.stubFor(post(urlPathMatching("/hook")).willReturn(aResponse().withStatus(200)));
    try (OffboardingTestRig rig =
        new OffboardingTestRig(
            URI.create(suprSend.baseUrl()),
            OffboardingTestRig.API_KEY,
            RetrySettings.delete(),
            new NotifySettings(
                URI.create(suprSend.baseUrl() + "/hook"), null, null, null, List.of()),
            RetrySettings.notification())) {
      respond(List.of(aResponse().withStatus(204)));
      suprSend.stubFor(post(urlPathMatching("/hook")).willReturn(aResponse().withStatus(200)));
      rig.offboard("replay-notified");
      histories.put("deleted-notified", export(rig, "replay-notified"));
    }
    String target = System.getProperty("record.histories");
    for (var entry : histories.entrySet()) {
      WorkflowReplayer.replayWorkflowExecution(entry.getValue(), UserOffboardingImpl.class);
      if (target != null && !target.isBlank()) {
        Files.createDirectories(Path.of(target));
        Files.writeString(Path.of(target, entry.getKey() + ".json"), entry.getValue());
      }
    }
  }

  private static String export(OffboardingTestRig rig, String distinctId) {
    return rig.client.fetchHistory(OffboardingIds.workflowIdFor(distinctId)).toJson(true);
  }

  private static void respond(
      List<com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder> turns) {
    suprSend.resetAll();
    for (int i = 0; i < turns.size(); i++) {
      String state = i == 0 ? Scenario.STARTED : "turn-" + i;
      suprSend.stubFor(
          delete(urlPathMatching("/v1/user/.*"))
              .inScenario("replay")
              .whenScenarioStateIs(state)
              .willReturn(turns.get(i))
              .willSetStateTo(i + 1 < turns.size() ? "turn-" + (i + 1) : state));
    }
  }
}
