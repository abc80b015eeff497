package dev.offboarding.suprsend.worker;

import static dev.offboarding.suprsend.worker.logging.ProductionLogEncoders.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.contract.OffboardingRequest;
import dev.offboarding.suprsend.contract.OffboardingState;
import dev.offboarding.suprsend.contract.OffboardingStatus;
import dev.offboarding.suprsend.contract.OperatorRequest;
import dev.offboarding.suprsend.sandbox.ScriptedResponse;
import dev.offboarding.suprsend.worker.encryption.CodecServer;
import dev.offboarding.suprsend.worker.encryption.CodecServerConfig;
import dev.offboarding.suprsend.worker.encryption.EncryptionKeys;
import dev.offboarding.suprsend.worker.logging.ProductionLogEncoders;
import dev.offboarding.suprsend.workflow.UserOffboarding;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Full offboardings, successes, a cancelled grace period and a revoked key, through the real worker
 * with notifications configured: neither the API key nor the webhook secret appears in any log line
 * (rendered in both production formats, text and JSON), failure message, webhook, trigger or
 * workflow history; and every line of an attempt names its workflow id, run id and attempt.
 */
class SecretsStayOutTest {

  @Test
  void theApiKeyIsNowhere() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level previous = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(context);
    captured.start();
    root.addAppender(captured);
    List<String> texts = new ArrayList<>();
    try (WorkerRig rig = new WorkerRig(Map.of())) {
      rig.sandbox.addUser("ok-user");
      rig.offboard("ok-user");
      rig.offboard("absent-user");
      rig.sandbox.addUser("flaky-user");
      rig.sandbox.script("flaky-user", ScriptedResponse.status(503), ScriptedResponse.ok());
      rig.offboard("flaky-user");

      rig.sandbox.addUser("grace-user");
      rig.sandbox.subscribe("grace-user", "newsletter");
      WorkflowClient.start(
          rig.stubFor("grace-user")::offboard,
          OffboardingRequest.of("grace-user").withGracePeriod(Duration.ofDays(1)));
      rig.awaitState("grace-user", OffboardingState.GRACE_PERIOD);
      rig.running("grace-user").cancel(new OperatorRequest("alice", "changed their mind"));
      rig.result("grace-user");

      rig.sandbox.setApiKey("a-rotated-key-the-worker-does-not-have");
      WorkflowClient.start(
          rig.stubFor("revoked-user")::offboard, OffboardingRequest.of("revoked-user"));
      OffboardingStatus parked = rig.awaitState("revoked-user", OffboardingState.NEEDS_ATTENTION);
      texts.add(parked.lastError());
      rig.sandbox.setApiKey(WorkerRig.WORKER_KEY);
      rig.running("revoked-user").abort(new OperatorRequest("alice", "checking the key"));
      rig.result("revoked-user");
      texts.add(rig.config.toString());
      rig.sandbox.webhooks().forEach(w -> texts.add(w.toString()));
      rig.sandbox.triggers().forEach(t -> texts.add(t.body().toString()));
      assertThat(rig.sandbox.webhooks()).as("webhooks were sent (and signed)").isNotEmpty();
      for (String id :
          List.of("ok-user", "absent-user", "flaky-user", "grace-user", "revoked-user")) {
        texts.add(rig.client().fetchHistory(OffboardingIds.workflowIdFor(id)).toJson(true));
      }
    } finally {
      root.detachAppender(captured);
      root.setLevel(previous);
    }
    for (ILoggingEvent event : captured.list) {
      texts.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        texts.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
      texts.add(String.valueOf(event.getMDCPropertyMap()));
    }
    assertThat(captured.list).as("the run logged something to search").isNotEmpty();
    // The lines exactly as the worker prints them, in both formats.
    String text = render(ProductionLogEncoders.forFormat("text"), captured.list);
    String json = render(ProductionLogEncoders.forFormat("json"), captured.list);
    texts.add(text);
    texts.add(json);
    assertThat(texts).noneMatch(t -> t.contains(WorkerRig.WORKER_KEY));
    assertThat(texts).noneMatch(t -> t.contains(WorkerRig.WEBHOOK_SECRET));
    assertThat(String.join("\n", texts)).contains("401");

    // One line per delete attempt, naming its run and attempt.
    assertThat(text)
        .containsPattern(
            "DeleteSuprSendUserImpl wf=suprsend-offboarding:ok-user run=[0-9a-f-]{36} attempt=1 -"
                + " SuprSend deleted the user");
    assertThat(text)
        .containsPattern("wf=suprsend-offboarding:flaky-user run=[0-9a-f-]{36} attempt=2 -");
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : json.split("\n")) {
      lines.add(mapper.readTree(line));
    }
    assertThat(lines)
        .anySatisfy(
            line -> {
              assertThat(line.path("formattedMessage").asText())
                  .contains("SuprSend deleted the user");
              assertThat(line.path("level").asText()).isEqualTo("INFO");
              assertThat(line.path("mdc").path("WorkflowId").asText())
                  .isEqualTo("suprsend-offboarding:ok-user");
              assertThat(line.path("mdc").path("RunId").asText()).hasSize(36);
              assertThat(line.path("mdc").path("Attempt").asText()).isEqualTo("1");
              assertThat(line.path("mdc").path("ActivityType").asText())
                  .isEqualTo("DeleteSuprSendUser");
            });
  }

  /**
   * With encryption on and the codec server running: the encryption key and the codec token appear
   * in no log line, no failure, no configuration message and no history, and neither does the API
   * key; a malformed key is reported by name only.
   */
  @Test
  @SuppressWarnings("try") // the codec server runs only so that its log lines are searched too
  void theEncryptionKeyAndTheCodecTokenAreNowhere() throws Exception {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    String material = java.util.Base64.getEncoder().encodeToString(key);
    String token = "codec-token-secrets-test-77";
    Map<String, String> env =
        Map.of(
            EncryptionKeys.VARIABLE,
            "secrets-test:" + material,
            CodecServerConfig.TOKEN,
            token,
            CodecServerConfig.PORT,
            "0");
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level previous = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(context);
    captured.start();
    root.addAppender(captured);
    List<String> texts = new ArrayList<>();
    try (WorkerRig rig = new WorkerRig(env);
        CodecServer codec = CodecServer.start(CodecServerConfig.fromEnvironment(env))) {
      rig.sandbox.addUser("enc-ok");
      rig.offboard("enc-ok");
      rig.sandbox.addUser("enc-flaky");
      rig.sandbox.script("enc-flaky", ScriptedResponse.status(503), ScriptedResponse.ok());
      rig.offboard("enc-flaky");
      rig.sandbox.setApiKey("a-rotated-key-the-worker-does-not-have");
      texts.addAll(whyItStopped(rig, "enc-revoked"));
      for (String id : List.of("enc-ok", "enc-flaky", "enc-revoked")) {
        texts.add(rig.client().fetchHistory(OffboardingIds.workflowIdFor(id)).toJson(true));
      }
      texts.add(rig.config.toString());
      texts.add(CodecServerConfig.fromEnvironment(env).toString());
      texts.add(EncryptionKeys.fromEnvironment(env).toString());
      ConfigException bad =
          catchThrowableOfType(
              ConfigException.class,
              () ->
                  WorkerConfig.fromEnvironment(
                      Map.of(
                          "SUPRSEND_API_KEY",
                          WorkerRig.WORKER_KEY,
                          "TEMPORAL_CONFIG_FILE",
                          "/nonexistent/temporal.toml",
                          EncryptionKeys.VARIABLE,
                          "secrets-test:" + material.substring(0, 30))));
      assertThat(bad.getMessage()).contains(EncryptionKeys.VARIABLE);
      texts.add(bad.getMessage());
      texts.add(
          String.valueOf(WorkerMain.run(Map.of(EncryptionKeys.VARIABLE, "bad id:" + material))));
    } finally {
      root.detachAppender(captured);
      root.setLevel(previous);
    }
    for (ILoggingEvent event : captured.list) {
      texts.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        texts.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
    }
    texts.add(render(ProductionLogEncoders.forFormat("json"), captured.list));
    assertThat(captured.list).as("the run logged something to search").isNotEmpty();
    assertThat(texts)
        .noneMatch(
            t ->
                t.contains(material)
                    || t.contains(material.substring(0, 20))
                    || t.contains(token)
                    || t.contains(WorkerRig.WORKER_KEY)
                    || t.contains(WorkerRig.WEBHOOK_SECRET));
  }

  /**
   * Starts {@code user}'s offboarding, which cannot delete, and returns what the run says: its
   * failure messages, or (a run that waits for an operator) its status's last error, after which it
   * is terminated.
   */
  private static List<String> whyItStopped(WorkerRig rig, String user) throws Exception {
    io.temporal.client.WorkflowStub run =
        io.temporal.client.WorkflowStub.fromTyped(rig.stubFor(user));
    run.start(dev.offboarding.suprsend.contract.OffboardingRequest.of(user));
    List<String> texts = new ArrayList<>();
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        run.getResult(200, java.util.concurrent.TimeUnit.MILLISECONDS, Object.class);
        throw new AssertionError(user + " was offboarded");
      } catch (WorkflowFailedException failed) {
        for (Throwable t = failed; t != null; t = t.getCause()) {
          texts.add(String.valueOf(t.getMessage()));
        }
        return texts;
      } catch (java.util.concurrent.TimeoutException stillOpen) {
        Map<?, ?> status = run.query(UserOffboarding.Queries.STATUS, Map.class);
        if ("NEEDS_ATTENTION".equals(String.valueOf(status.get("state")))) {
          texts.add(String.valueOf(status));
          run.terminate("test done");
          return texts;
        }
      }
    }
    throw new AssertionError(user + ": the run neither failed nor asked for attention");
  }
}
