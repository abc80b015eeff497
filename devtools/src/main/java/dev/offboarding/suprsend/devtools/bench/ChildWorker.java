package dev.offboarding.suprsend.devtools.bench;

import dev.offboarding.suprsend.devtools.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The production worker in its own JVM ({@link MeasuredWorkerMain}), measured on request. */
public final class ChildWorker implements AutoCloseable {

  /** Heap after a full GC, and resident set now and at its peak. */
  public record Memory(long heapBytes, long rssKb, long peakRssKb) {}

  private static final Pattern MEASURE =
      Pattern.compile("measure heap=(\\d+) rss=(-?\\d+) peak_rss=(-?\\d+)");

  private final Process process;
  private final BufferedReader out;
  private final Path log;

  private ChildWorker(Process process, Path log) {
    this.process = process;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.log = log;
  }

  /** Starts the worker with only {@code env}; its log goes to a temporary file. */
  public static ChildWorker start(Map<String, String> env) throws IOException {
    Path log = Files.createTempFile("offboard-bench-worker", ".log");
    Process process =
        ChildJvm.start(
            ChildJvm.builder(
                    MeasuredWorkerMain.class.getName(),
                    List.of("-Xmx512m", "-XX:+UseG1GC"),
                    List.of(),
                    env)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())),
            MeasuredWorkerMain.class.getName());
    return new ChildWorker(process, log);
  }

  /** The worker JVM's process id, to read its CPU time. */
  public long pid() {
    return process.pid();
  }

  /** Asks the worker to collect garbage and report its memory. */
  public Memory measure() throws IOException {
    OutputStream in = process.getOutputStream();
    in.write("measure\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = MEASURE.matcher(line);
      if (m.find()) {
        return new Memory(
            Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
      }
    }
    throw new UncheckedIOException(
        new IOException(
            "the worker JVM ended without measuring (exit "
                + (process.isAlive() ? "-" : process.exitValue())
                + "); its log: "
                + log));
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close(); // the worker halts when its stdin closes
    } catch (IOException e) {
      // it is going anyway
    }
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      Files.deleteIfExists(log);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // a temporary file
    }
  }
}
