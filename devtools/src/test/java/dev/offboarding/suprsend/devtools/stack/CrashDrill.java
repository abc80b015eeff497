package dev.offboarding.suprsend.devtools.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.suprsend.cli.Cli;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A bulk of users offboarded through the stack while one of its services is killed (SIGKILL) and
 * restarted on the same data, at given shares of the users deleted. Checks that nothing is lost
 * (the bulk ends with every user's receipt, each user gone from SuprSend as its receipt says) and
 * returns the figures.
 */
final class CrashDrill {

  /**
   * What is killed and how it comes back; {@code workerNotReady}: the worker's /readyz must say
   * not-ready while it is down (true for the Temporal server, which the readiness check asks).
   */
  record Victim(String name, Runnable kill, Runnable restart, boolean workerNotReady) {}

  private static final Duration DOWNTIME = Duration.ofSeconds(5);

  private final NativeStack stack;
  private final Map<String, String> cliEnv;

  CrashDrill(NativeStack stack, Map<String, String> cliEnv) {
    this.stack = stack;
    this.cliEnv = cliEnv;
  }

  Map<String, Object> run(String name, int userCount, List<Double> killAt, Victim victim) {
    List<String> users =
        IntStream.rangeClosed(1, userCount).mapToObj(i -> name + "-user-" + i).toList();
    Map<String, Object> figures = new LinkedHashMap<>();
    List<String> kills = new ArrayList<>();
    List<String> readiness = new ArrayList<>();
    int before = stack.sandbox().userCount() + userCount;
    try (BulkRun bulk = new BulkRun(stack, name, users, cliEnv)) {
      for (double share : killAt) {
        int threshold = (int) (share * userCount);
        NativeStack.await(
            threshold + " users deleted",
            Duration.ofMinutes(5),
            () -> bulk.isDone() || before - stack.sandbox().userCount() >= threshold);
        assertThat(bulk.isDone())
            .as("the bulk is still running when %s is killed", victim.name())
            .isFalse();
        int deleted = before - stack.sandbox().userCount();
        long killedAt = System.nanoTime();
        victim.kill().run();
        Long notReadyAfter = awaitReadyz(false, DOWNTIME.plusSeconds(25));
        if (victim.workerNotReady()) {
          assertThat(notReadyAfter)
              .as("the worker's /readyz says not-ready while %s is down", victim.name())
              .isNotNull();
        }
        long waited = millisSince(killedAt);
        if (waited < DOWNTIME.toMillis()) {
          NativeStack.sleep(Duration.ofMillis(DOWNTIME.toMillis() - waited));
        }
        victim.restart().run();
        long downtime = millisSince(killedAt);
        Long readyAgainAfter = awaitReadyz(true, Duration.ofSeconds(60));
        kills.add("at " + deleted + " of " + userCount + " deleted, down " + downtime + " ms");
        readiness.add(
            (notReadyAfter == null ? "stayed ready" : "not ready after " + notReadyAfter + " ms")
                + ", ready again "
                + (readyAgainAfter == null
                    ? "never (60 s)"
                    : readyAgainAfter + " ms after restart"));
        stack.worker().assertAlive();
      }
      long lastRestart = System.nanoTime();
      Cli.Run result = bulk.await();
      long drain = millisSince(lastRestart);
      assertThat(result.exit()).as("bulk --wait exit code; its output:\n%s", result.all()).isZero();

      Map<String, JsonNode> receipts = bulk.receipts();
      Map<String, Integer> outcomes = new TreeMap<>();
      int retries = 0;
      for (String user : users) {
        JsonNode receipt = receipts.get(user);
        assertThat(receipt).as("%s has a receipt in the report", user).isNotNull();
        String outcome = receipt.path("outcome").asText();
        outcomes.merge(outcome, 1, Integer::sum);
        assertThat(outcome).as("%s's outcome", user).isIn("DELETED", "ALREADY_ABSENT");
        assertThat(stack.sandbox().exists(user))
            .as("%s's receipt says %s, so SuprSend must not hold it", user, outcome)
            .isFalse();
        retries += Math.max(0, receipt.path("attempts").asInt(1) - 1);
      }
      figures.put("users", userCount);
      figures.put(
          victim.name() + " SIGKILLs", kills.size() + " (" + String.join("; ", kills) + ")");
      figures.put("worker /readyz while it was down", String.join("; ", readiness));
      figures.put(
          "bulk --wait", "exit " + result.exit() + " after " + bulk.elapsedMillis() + " ms");
      figures.put("time to drain (last restart to the bulk's end)", drain + " ms");
      figures.put("outcomes (receipts)", outcomes);
      figures.put("receipts lost", userCount - receipts.size());
      figures.put("retries seen (DELETE attempts beyond the first, from receipts)", retries);
      figures.put(
          "users still in SuprSend", users.stream().filter(stack.sandbox()::exists).count());
    }
    return figures;
  }

  /** Milliseconds until /readyz is (or is not) 200, or null if it never was within timeout. */
  private Long awaitReadyz(boolean ready, Duration timeout) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if ((stack.readyz() == 200) == ready) {
        return millisSince(start);
      }
      NativeStack.sleep(Duration.ofMillis(200));
    }
    return null;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
