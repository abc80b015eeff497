package dev.offboarding.suprsend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.sandbox.SandboxOptions;
import dev.offboarding.suprsend.sandbox.ScriptedResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./offboard bulk} end to end: the {@link EndToEndRig} (port-bound test server, real worker,
 * sandbox answering after 20 ms), inputs of hundreds to thousands of ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EndToEndRig rig;
  private final Cli cli = new Cli();
  @TempDir Path dir;

  @BeforeAll
  void startEverything() {
    rig =
        EndToEndRig.start(
            "bulk-offboarding",
            SandboxOptions.defaults().withLatency(Duration.ofMillis(20)),
            Map.of());
    cli.neverPrints(rig.sandbox().apiKey());
  }

  @AfterAll
  void stopEverything() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void aCsvWithAHeaderIsOffboardedOnceAndASecondRunStartsNothing() throws Exception {
    int users = 400;
    List<String> lines = new ArrayList<>();
    lines.add("email,distinct_id,plan");
    for (int i = 0; i < users; i++) {
      String id = "csv-" + i;
      if (i % 10 != 0) {
        rig.sandbox().addUser(id); // every tenth user is already gone: ALREADY_ABSENT
      }
      lines.add(id + "@example.com,\"" + id + "\",pro");
      if (i == 7) {
        lines.add(""); // blank: line 10
        lines.add("bad@example.com,bad\u0007id,pro"); // control character: line 11
        lines.add("csv-3@example.com,csv-3,pro"); // duplicate of an earlier line: line 12
      }
    }
    lines.add("csv-5@example.com,csv-5,pro"); // a duplicate far away: the last line
    Path input = dir.resolve("users.csv");
    Files.write(input, lines, StandardCharsets.UTF_8);
    Path report = dir.resolve("report.csv");
    long deletesBefore = deletes("csv-");

    Cli.Run first =
        cli.run(
            rig.env(),
            "bulk",
            input.toString(),
            "--column",
            "distinct_id",
            "--wait",
            "--report",
            report.toString(),
            "--reason",
            "tenant left",
            "--progress",
            "none");

    assertThat(first.exit()).as(first.all()).isEqualTo(2); // bad lines were skipped
    assertThat(first.err())
        .contains("CSV, column 'distinct_id' (2) of the header")
        .contains("line 10: skipped: blank line")
        .contains("line 11: skipped: distinctId contains the control character U+0007")
        .contains("line 12: \"csv-3\" was read before: counted once")
        .contains("line " + lines.size() + ": \"csv-5\" was read before: counted once")
        .doesNotContain("\u0007");
    assertThat(count(first, "users")).isEqualTo(users);
    assertThat(count(first, "bad lines \\(skipped\\)")).isEqualTo(2);
    assertThat(count(first, "duplicate lines \\(counted once\\)")).isEqualTo(2);
    assertThat(count(first, "started")).isEqualTo(users);
    assertThat(count(first, "DELETED")).isEqualTo(users - users / 10);
    assertThat(count(first, "ALREADY_ABSENT")).isEqualTo(users / 10);
    assertThat(deletes("csv-") - deletesBefore).as("one DELETE per user").isEqualTo(users);
    for (int i = 0; i < users; i++) {
      assertThat(rig.sandbox().hasUser("csv-" + i)).isFalse();
    }
    List<String> rows = Files.readAllLines(report);
    assertThat(rows.get(0))
        .isEqualTo("line,distinct_id,workflow_id,run_id,start,outcome,http_status,attempts,error");
    assertThat(rows).hasSize(users + 1);
    assertThat(rows)
        .anyMatch(
            r ->
                r.matches(
                    "3,csv-1,suprsend-offboarding:csv-1,[0-9a-f-]{36},STARTED,DELETED,204,1,"))
        .anyMatch(
            r ->
                r.matches(
                    "2,csv-0,suprsend-offboarding:csv-0,[0-9a-f-]{36},STARTED,ALREADY_ABSENT,404,1,"));

    Cli.Run second =
        cli.run(
            rig.env(), "bulk", input.toString(), "--column", "2", "--wait", "--progress", "none");

    assertThat(second.exit()).as(second.all()).isEqualTo(2);
    assertThat(second.err()).contains("CSV, column 'distinct_id' (2) of the header");
    assertThat(count(second, "users")).isEqualTo(users);
    assertThat(count(second, "started")).as("nothing new").isZero();
    assertThat(count(second, "already completed \\(not started again\\)")).isEqualTo(users);
    assertThat(count(second, "duplicate lines \\(counted once\\)")).isEqualTo(2);
    assertThat(count(second, "DELETED"))
        .as("the first run's receipts")
        .isEqualTo(users - users / 10);
    assertThat(deletes("csv-") - deletesBefore).as("no second DELETE").isEqualTo(users);
  }

  @Test
  void aListFromStandardInputWithAJsonReport() throws Exception {
    int users = 1000;
    for (int i = 0; i < users; i++) {
      rig.sandbox().addUser("stdin-" + i);
    }
    Path report = dir.resolve("report.json");
    long deletesBefore = deletes("stdin-");

    Cli.Run run =
        run(
            generated("stdin-", users),
            "bulk",
            "-",
            "--wait",
            "--concurrency",
            "32",
            "--report",
            report.toString(),
            "--requested-by",
            "bulk-test",
            "--progress",
            "lines",
            "--progress-every",
            "PT0.5S");

    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.err())
        .contains("Reading standard input as a list of ids")
        .contains("progress: ");
    assertThat(count(run, "users")).isEqualTo(users);
    assertThat(count(run, "DELETED")).isEqualTo(users);
    assertThat(deletes("stdin-") - deletesBefore).isEqualTo(users);
    JsonNode rows = JSON.readTree(report.toFile());
    assertThat(rows.size()).isEqualTo(users);
    JsonNode row = null;
    for (JsonNode r : rows) {
      if (r.get("distinctId").asText().equals("stdin-42")) {
        row = r;
      }
    }
    assertThat(row).isNotNull();
    assertThat(row.get("line").asLong()).isEqualTo(43);
    assertThat(row.get("workflowId").asText()).isEqualTo("suprsend-offboarding:stdin-42");
    assertThat(row.get("start").asText()).isEqualTo("STARTED");
    assertThat(row.get("outcome").asText()).isEqualTo("DELETED");
    assertThat(row.get("httpStatus").asInt()).isEqualTo(204);
    assertThat(row.get("attempts").asInt()).isEqualTo(1);
    assertThat(row.get("error").isNull()).isTrue();
  }

  @Test
  void aFailedOffboardingExits3AndTheReportSaysWhy() throws Exception {
    rig.sandbox().addUser("fail-ok");
    rig.sandbox().addUser("fail-401");
    rig.sandbox().script("fail-401", ScriptedResponse.status(401));
    Path report = dir.resolve("failed.json");

    Cli.Run run =
        run(
            "fail-ok\nfail-401\n",
            "bulk",
            "-",
            "--wait",
            "--report",
            report.toString(),
            "--progress",
            "none");

    assertThat(run.exit()).as(run.all()).isEqualTo(3);
    assertThat(count(run, "SuprSendAuthenticationFailed")).isEqualTo(1);
    assertThat(count(run, "DELETED")).isEqualTo(1);
    assertThat(run.err()).contains("did not complete");
    JsonNode failed = null;
    for (JsonNode r : JSON.readTree(report.toFile())) {
      if (r.get("distinctId").asText().equals("fail-401")) {
        failed = r;
      }
    }
    assertThat(failed.get("outcome").asText()).isEqualTo("SuprSendAuthenticationFailed");
    assertThat(failed.get("httpStatus").asInt()).isEqualTo(401);
    assertThat(failed.get("error").asText()).contains("SUPRSEND_API_KEY");
  }

  @Test
  void withoutWaitEveryUserIsStartedAndTheExitCodeIs0() throws Exception {
    for (int i = 0; i < 50; i++) {
      rig.sandbox().addUser("nowait-" + i);
    }
    Cli.Run run = run(generated("nowait-", 50), "bulk", "-", "--progress", "none");

    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(count(run, "started")).isEqualTo(50);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> deletes("nowait-") == 50);
  }

  @Test
  void usageErrorsStartNothing() throws Exception {
    Path csv = dir.resolve("no-column.csv");
    Files.writeString(csv, "email,plan\na@example.com,pro\n");
    long before = rig.sandbox().requestsReceived();

    Cli.Run noColumn = cli.run(rig.env(), "bulk", csv.toString(), "--column", "distinct_id");
    Cli.Run noFile = cli.run(rig.env(), "bulk", dir.resolve("missing.txt").toString());
    Cli.Run badReport =
        cli.run(rig.env(), "bulk", csv.toString(), "--report", dir.resolve("r.xml").toString());

    assertThat(noColumn.exit()).isEqualTo(2);
    assertThat(noColumn.err())
        .contains(
            "--column distinct_id: the first line (line 1) is not a CSV header with that column")
        .contains("email, plan")
        .contains("Nothing was started");
    assertThat(noFile.exit()).isEqualTo(2);
    assertThat(noFile.err()).contains("no such file");
    assertThat(badReport.exit()).isEqualTo(2);
    assertThat(badReport.err()).contains("must end in .csv or .json");
    assertThat(rig.sandbox().requestsReceived()).isEqualTo(before);
  }

  @Test
  void temporalUnreachableExits4() throws Exception {
    Map<String, String> nowhere = new HashMap<>(rig.env());
    nowhere.put("TEMPORAL_ADDRESS", "localhost:" + Cli.freePort());

    Cli.Run run =
        new Cli()
            .run(nowhere, "bulk", Files.writeString(dir.resolve("one.txt"), "u-1\n").toString());

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).contains("Temporal is unreachable");
  }

  /** DELETEs the sandbox saw for ids starting with {@code prefix}. */
  private long deletes(String prefix) {
    return rig.sandbox().requests().stream()
        .filter(r -> r.method().equals("DELETE"))
        .filter(r -> r.decodedDistinctId() != null && r.decodedDistinctId().startsWith(prefix))
        .count();
  }

  /** The count in the summary row labelled {@code label} (a regex). */
  private static long count(Cli.Run run, String label) {
    Matcher m = Pattern.compile("(?m)^\\s*" + label + "\\s+(\\d+)\\s*$").matcher(run.out());
    assertThat(m.find()).as("row '%s' in%n%s", label, run.out()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private Cli.Run run(String stdin, String... args) {
    return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
  }

  private Cli.Run run(InputStream stdin, String... args) {
    return cli.run(rig.env(), stdin, args);
  }

  /**
   * {@code prefix} + 0 .. {@code prefix} + (n-1), one a line, produced as read: never held in
   * memory.
   */
  static InputStream generated(String prefix, long n) {
    return new InputStream() {
      private long next;
      private byte[] line = new byte[0];
      private int position;

      @Override
      public int read() throws IOException {
        if (position >= line.length) {
          if (next >= n) {
            return -1;
          }
          line = (prefix + next++ + "\n").getBytes(StandardCharsets.UTF_8);
          position = 0;
        }
        return line[position++] & 0xff;
      }
    };
  }
}
