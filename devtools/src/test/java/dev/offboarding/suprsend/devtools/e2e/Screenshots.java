package dev.offboarding.suprsend.devtools.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * Where the browser test saves what it saw: {@code target/ui-screenshots/} by default, so that
 * {@code mvn verify} leaves the work tree clean; the folder {@code OFFBOARD_UI_SCREENSHOTS} names
 * (relative to the repository root; {@code devtools/ui-screenshots.sh} sets {@code docs/ui}) when
 * set, to regenerate the documentation's screenshots.
 */
final class Screenshots {

  static final String VARIABLE = "OFFBOARD_UI_SCREENSHOTS";

  private final Path dir;

  private Screenshots(Path dir) {
    this.dir = dir;
  }

  static Screenshots fromEnvironment() {
    String configured = System.getenv(VARIABLE);
    Path dir =
        configured == null || configured.isBlank()
            ? Paths.get("target", "ui-screenshots")
            : repositoryRoot().resolve(configured);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Screenshots(dir);
  }

  /** Saves the browser's viewport as {@code name}.png and returns the file. */
  Path save(TakesScreenshot browser, String name) {
    Path file = dir.resolve(name + ".png");
    try {
      Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The nearest folder up from here that holds docs/operations.md. */
  private static Path repositoryRoot() {
    for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("docs").resolve("operations.md"))) {
        return d;
      }
    }
    throw new IllegalStateException(VARIABLE + " is set, but no repository root was found");
  }
}
