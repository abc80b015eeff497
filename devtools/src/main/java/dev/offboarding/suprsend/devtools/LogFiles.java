package dev.offboarding.suprsend.devtools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The end of a child process's log file, for the message that says why it failed. */
public final class LogFiles {

  private LogFiles() {}

  /** The last {@code lines} lines of {@code log} (malformed bytes replaced), or why not. */
  public static String tail(Path log, int lines) {
    try {
      List<String> all =
          List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n", -1));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
