package dev.offboarding.suprsend.devtools.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.cli.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code offboard bulk FILE --wait --report FILE.json} against the stack, run in the background
 * while the test breaks things: the users are added to the sandbox first; the receipts are read
 * from the report at the end.
 */
final class BulkRun implements AutoCloseable {

  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final Path report;
  private final Future<Cli.Run> run;
  private final long started = System.nanoTime();

  BulkRun(NativeStack stack, String name, List<String> users, Map<String, String> cliEnv) {
    stack.sandbox().addUsers(users);
    Path ids = stack.dir().resolve(name + ".txt");
    report = stack.dir().resolve(name + "-report.json");
    try {
      Files.write(ids, users);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run =
        thread.submit(
            () ->
                new Cli()
                    .run(
                        cliEnv,
                        "bulk",
                        ids.toString(),
                        "--wait",
                        "--reason",
                        "stack test: " + name,
                        "--report",
                        report.toString()));
  }

  boolean isDone() {
    return run.isDone();
  }

  /** Waits for the bulk to end; its exit code and output. */
  Cli.Run await() {
    try {
      return run.get();
    } catch (Exception e) {
      throw new IllegalStateException("the bulk run failed", e);
    }
  }

  long elapsedMillis() {
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** The report's rows by distinct id. */
  Map<String, JsonNode> receipts() {
    Map<String, JsonNode> rows = new LinkedHashMap<>();
    try {
      new ObjectMapper()
          .readTree(report.toFile())
          .forEach(row -> rows.put(row.path("distinctId").asText(), row));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the bulk report " + report, e);
    }
    return rows;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
