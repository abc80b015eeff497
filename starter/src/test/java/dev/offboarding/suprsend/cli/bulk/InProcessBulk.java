package dev.offboarding.suprsend.cli.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offboarding.suprsend.cli.Offboardings;
import dev.offboarding.suprsend.cli.RunWatch;
import dev.offboarding.suprsend.sandbox.SuprSendSandbox;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;

/**
 * A {@code bulk --wait} run inside the test's JVM over a list of ids, as the command runs it, and
 * what a batch in which nothing went wrong shows afterwards. Shared by the starter's tests and the
 * real-server tests in devtools.
 */
public final class InProcessBulk {

  private InProcessBulk() {}

  /** A batch that waits for every result, its runs on {@code taskQueue}. */
  public static BulkOffboarding waitingFor(
      WorkflowClient client, String taskQueue, int concurrency, int maxPending) {
    return new BulkOffboarding(
        new Offboardings(client, taskQueue),
        new RunWatch(client),
        new BulkOffboarding.Settings(
            concurrency, maxPending, true, null, "test", Offboardings.Again.NEVER),
        text -> text);
  }

  /** Runs {@code bulk} over {@code ids}, one a line, to the end. */
  public static BulkOffboarding.Tally run(
      BulkOffboarding bulk, List<String> ids, BulkOffboarding.Events events)
      throws IOException, InterruptedException {
    try (IdSource source = IdSource.open(new StringReader(String.join("\n", ids) + "\n"), null)) {
      return bulk.run(source, () -> false, events);
    }
  }

  /** Every line handled, every user DELETED, and the sandbox asked exactly once for each. */
  public static void assertEveryUserWasDeletedOnce(
      BulkOffboarding.Tally tally, SuprSendSandbox sandbox, int users) {
    assertThat(tally.done.get()).as("every line handled, none dropped").isEqualTo(users);
    assertThat(tally.outcome("DELETED")).as("every user deleted").isEqualTo(users);
    assertThat(sandbox.stats().requests()).as("each user deleted once").isEqualTo(users);
  }
}
