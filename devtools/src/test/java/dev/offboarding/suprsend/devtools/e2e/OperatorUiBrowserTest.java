package dev.offboarding.suprsend.devtools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.cli.Cli;
import dev.offboarding.suprsend.cli.EndToEndRig;
import dev.offboarding.suprsend.contract.OffboardingIds;
import dev.offboarding.suprsend.devtools.Offboard;
import dev.offboarding.suprsend.devtools.realserver.DevServer;
import dev.offboarding.suprsend.devtools.realserver.RealTemporal;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.ScriptedResponse;
import dev.offboarding.suprsend.worker.encryption.CodecServer;
import io.temporal.client.WorkflowClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What an operator sees in the Temporal UI, in a real browser (headless Chromium): a run parked in
 * {@code NEEDS_ATTENTION} found through the {@code OffboardingState} filter, its summary, details
 * and current details (what it waits for, the commands that move it on), the activity summaries,
 * and, with encryption on and the UI's codec endpoint pointing at the codec server, the input in
 * clear although Temporal holds only ciphertext. Saves screenshots (see {@link Screenshots}).
 */
class OperatorUiBrowserTest {

  private static final String PARKED = "ui-parked";
  private static final String DELETED = "ui-deleted";
  private static final Duration UI_PATIENCE = Duration.ofSeconds(90);

  @Test
  void anOperatorFindsTheParkedRunAndSeesWhyItWaitsAndHowToMoveItOn(@TempDir Path profile)
      throws Exception {
    Chromium.assumePresent();
    DevServer.Options options = RealTemporal.options("operator-ui");
    String uiOrigin = "http://127.0.0.1:" + options.uiPort();
    Encryption encryption = Encryption.random(List.of(uiOrigin));
    try (CodecServer codec = encryption.startCodecServer();
        DevServer server =
            RealTemporal.start(
                "operator-ui", options.withUiCodecEndpoint(encryption.uiCodecEndpoint(codec)));
        EndToEndRig rig =
            EndToEndRig.onTemporal(
                server.address(),
                "operator-ui",
                SandboxOptions.defaults(),
                Map.of("OFFBOARDING_ENCRYPTION_KEY", encryption.key()))) {
      String runId = parkOneRunNextToADeletedOne(rig);
      ChromeDriver browser = Chromium.start(profile.resolve("chromium"));
      try {
        Screenshots screenshots = Screenshots.fromEnvironment();
        String ui = server.uiUrl() + "/namespaces/default/workflows";

        // 1. The filter an operator starts from: which runs wait for me?
        browser.get(ui + "?query=" + URLEncoder.encode(Visibility.NEEDS_ATTENTION, UTF8));
        String list = waitForText(browser, workflowId(PARKED));
        assertThat(list)
            .contains("OffboardingState = \"NEEDS_ATTENTION\"")
            .contains("1 Workflow")
            .doesNotContain(workflowId(DELETED));
        screenshots.save(browser, "workflows-needs-attention");

        // 2. The run: its input decoded by the codec server, the activities by their summaries.
        browser.findElement(By.linkText(workflowId(PARKED))).click();
        String history = waitForText(browser, "\"distinctId\": \"" + PARKED + "\"");
        assertThat(history)
            .contains("\"reason\": \"account closed\"")
            .contains("\"requestedBy\": \"hr-system\"")
            .contains(
                "DeleteSuprSendUser • Delete the user from SuprSend (the pivot: never undone)")
            .contains(runId)
            .doesNotContain("binary/encrypted");
        assertThat(storedInputEncoding(rig, PARKED))
            .as("what Temporal holds: only the codec server could decode it")
            .isEqualTo("binary/encrypted");
        screenshots.save(browser, "run-history");

        // 3. User Metadata: summary, details, current details, events by their summaries.
        browser.findElement(By.linkText("User Metadata")).click();
        waitForText(browser, "Current Details");
        List<WebElement> rendered = waitForRenderedMarkdown(browser, 3);
        assertThat(textOf(browser, rendered.get(0)))
            .isEqualTo("Offboard ui-parked from SuprSend: account closed");
        assertThat(textOf(browser, rendered.get(1)))
            .contains("Distinct id: ui-parked")
            .contains("Requested by: hr-system")
            .contains("Approval required: no");
        assertThat(textOf(browser, rendered.get(2)))
            .startsWith("NEEDS_ATTENTION: an operator.")
            .contains("SuprSendAuthenticationFailed: SuprSend answered 401")
            .contains("Check SUPRSEND_API_KEY");
        assertThat(listItemsOf(browser, rendered.get(2)))
            .containsExactly(
                "./offboard retry ui-parked --note \"<what was fixed>\"",
                "./offboard skip ui-parked --note \"<how you know the user is gone from SuprSend>\"",
                "./offboard abort ui-parked --note \"<why>\"");
        assertThat(bodyText(browser))
            .contains("Events with Metadata")
            .contains("Activity Delete the user from SuprSend (the pivot: never undone) Failed")
            .contains("Escalate if still open");
        screenshots.save(browser, "run-user-metadata");
      } finally {
        browser.quit();
      }
    }
  }

  /** The parked run's run id, once the filter lists it (and only it). */
  private static String parkOneRunNextToADeletedOne(EndToEndRig rig) {
    Cli cli = new Cli(Offboard::execute);
    rig.sandbox().addUsers(List.of(DELETED, PARKED));
    rig.sandbox().script(PARKED, ScriptedResponse.status(401));
    assertThat(cli.run(rig.env(), "start", DELETED, "--wait").exit()).isZero();
    Cli.Run parked =
        cli.run(
            rig.env(),
            "start",
            PARKED,
            "--wait",
            "--reason",
            "account closed",
            "--requested-by",
            "hr-system");
    assertThat(parked.exit()).as(parked.all()).isEqualTo(3);
    Visibility.awaitExactly(
        rig.workerConnection().client().getWorkflowServiceStubs(),
        Visibility.NEEDS_ATTENTION,
        List.of(workflowId(PARKED)));
    return rig.workerConnection()
        .client()
        .newUntypedWorkflowStub(workflowId(PARKED))
        .describe()
        .getExecution()
        .getRunId();
  }

  private static String storedInputEncoding(EndToEndRig rig, String id) {
    return WorkflowClient.newInstance(rig.workerConnection().client().getWorkflowServiceStubs())
        .fetchHistory(workflowId(id))
        .getEvents()
        .get(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getInput()
        .getPayloads(0)
        .getMetadataOrThrow("encoding")
        .toStringUtf8();
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static String workflowId(String id) {
    return OffboardingIds.workflowIdFor(id);
  }

  /** The page's text, whitespace collapsed, once it contains {@code expected}. */
  private static String waitForText(WebDriver browser, String expected) {
    new WebDriverWait(browser, UI_PATIENCE)
        .withMessage(() -> "the page never showed " + expected + "; it shows: " + bodyText(browser))
        .until(b -> bodyText(b).contains(expected));
    return bodyText(browser);
  }

  /** The UI renders Markdown (summary, details, current details) in frames of its own. */
  private static List<WebElement> waitForRenderedMarkdown(WebDriver browser, int count) {
    By frames = By.cssSelector("iframe[src^='/render']");
    new WebDriverWait(browser, UI_PATIENCE)
        .until(
            b -> {
              List<WebElement> found = b.findElements(frames);
              return found.size() >= count && found.stream().allMatch(f -> !textOf(b, f).isBlank());
            });
    return browser.findElements(frames);
  }

  private static String textOf(WebDriver browser, WebElement frame) {
    browser.switchTo().frame(frame);
    try {
      return collapse(browser.findElement(By.tagName("body")).getText());
    } finally {
      browser.switchTo().defaultContent();
    }
  }

  private static List<String> listItemsOf(WebDriver browser, WebElement frame) {
    browser.switchTo().frame(frame);
    try {
      return browser.findElements(By.tagName("li")).stream()
          .map(li -> collapse(li.getText()))
          .toList();
    } finally {
      browser.switchTo().defaultContent();
    }
  }

  private static String bodyText(WebDriver browser) {
    return collapse(browser.findElement(By.tagName("body")).getText());
  }

  private static String collapse(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
