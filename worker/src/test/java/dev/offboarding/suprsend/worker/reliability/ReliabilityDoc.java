package dev.offboarding.suprsend.worker.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes a generated section of {@code docs/reliability.md}: the text between {@code <!--
 * generated:NAME -->} and {@code <!-- /generated:NAME -->}; the hand-written prose around it stays.
 * Writing is best effort: a read-only checkout (CI's copy may be one) only gets a warning, because
 * the tests fail on behaviour, never on documentation.
 */
public final class ReliabilityDoc {

  private ReliabilityDoc() {}

  /** Replaces section {@code name} with {@code body}; true when the file now holds it. */
  public static boolean writeSection(String name, String body) {
    Path doc = locate();
    if (doc == null) {
      System.out.println("docs/reliability.md not found: section " + name + " not written");
      return false;
    }
    String begin = "<!-- generated:" + name + " -->";
    String end = "<!-- /generated:" + name + " -->";
    try {
      String text = Files.readString(doc, StandardCharsets.UTF_8);
      int from = text.indexOf(begin);
      int to = text.indexOf(end);
      if (from < 0 || to < from) {
        System.out.println(doc + " has no markers for section " + name + ": not written");
        return false;
      }
      String updated =
          text.substring(0, from + begin.length())
              + "\n"
              + body.strip()
              + "\n"
              + text.substring(to);
      if (!updated.equals(text)) {
        Files.writeString(doc, updated, StandardCharsets.UTF_8);
      }
      return true;
    } catch (IOException | SecurityException e) {
      System.out.println("Could not write section " + name + " of " + doc + ": " + e);
      return false;
    }
  }

  /** Writes {@code text} under {@code worker/target/reliability/}, for CI logs and artifacts. */
  public static void writeReport(String fileName, String text) {
    try {
      Path dir = Paths.get("target", "reliability");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(fileName), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.out.println("Could not write target/reliability/" + fileName + ": " + e);
    }
  }

  private static Path locate() {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docs").resolve("reliability.md");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
