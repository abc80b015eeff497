package dev.offboarding.suprsend.devtools.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.suprsend.worker.deploy.ComposeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker image natively: the Dockerfile's {@code ENTRYPOINT} (the last one: the worker stage)
 * with this machine's {@code java} and the jar the image copies to {@code /app}, the worker jar
 * this build made. Compose runs it as the {@code worker} service ({@code CMD worker}) and as the
 * {@code codec-server} service; its health check runs {@code java ... -cp /app/...} the same way.
 */
final class WorkerImage {

  static final String IMAGE_JAR = "/app/offboarding-worker.jar";

  private final Path jar;
  private final List<String> entrypoint;

  WorkerImage(Path jar) {
    this.jar = jar;
    this.entrypoint = local(lastEntrypoint());
  }

  /** The container started with {@code command} and exactly {@code env}. */
  StackProcess start(String name, List<String> command, Map<String, String> env, Path dir) {
    List<String> full = new ArrayList<>(entrypoint);
    full.addAll(command);
    return StackProcess.start(name, full, env, dir, dir.resolve(name + ".log"));
  }

  /** A {@code CMD} health check of a service of this image: its exit code (0 = healthy). */
  int healthcheck(List<String> test, Map<String, String> env, Path dir) {
    if (test.isEmpty() || !test.get(0).equals("CMD")) {
      throw new IllegalArgumentException("expected a CMD health check, got " + test);
    }
    return StackProcess.run(
        "healthcheck",
        local(test.subList(1, test.size())),
        env,
        dir,
        dir.resolve("healthcheck.log"),
        30);
  }

  private List<String> local(List<String> command) {
    List<String> out = new ArrayList<>();
    for (String arg : command) {
      if (arg.equals("java")) {
        out.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      } else {
        out.add(arg.equals(IMAGE_JAR) ? jar.toString() : arg);
      }
    }
    return out;
  }

  private static List<String> lastEntrypoint() {
    try {
      String dockerfile = Files.readString(ComposeFile.repositoryRoot().resolve("Dockerfile"));
      Matcher m = Pattern.compile("(?m)^ENTRYPOINT (\\[.*])$").matcher(dockerfile);
      String last = null;
      while (m.find()) {
        last = m.group(1);
      }
      if (last == null) {
        throw new IllegalStateException("the Dockerfile has no ENTRYPOINT [...]");
      }
      return List.of(new ObjectMapper().readValue(last, String[].class));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the Dockerfile's ENTRYPOINT", e);
    }
  }
}
