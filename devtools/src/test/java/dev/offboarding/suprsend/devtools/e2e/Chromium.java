package dev.offboarding.suprsend.devtools.e2e;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its own chromedriver (both paths given, so Selenium
 * Manager never tries to download a browser or driver). Without them the browser test is skipped,
 * unless {@code OFFBOARD_REAL_TEMPORAL=required} (.ci/run installs both): then it fails.
 */
final class Chromium {

  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /** Skips the test (or fails it, when required) unless both are installed. */
  static void assumePresent() {
    boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    if (!present && "required".equals(System.getenv("OFFBOARD_REAL_TEMPORAL"))) {
      throw new AssertionError(
          "OFFBOARD_REAL_TEMPORAL=required but "
              + BROWSER
              + " or "
              + DRIVER
              + " is missing: apt-get install -y chromium chromium-driver");
    }
    assumeThat(present).as("Chromium and chromedriver (apt-get install chromium-driver)").isTrue();
  }

  /** A fresh headless browser with its own profile in {@code profile}; the test quits it. */
  static ChromeDriver start(Path profile) {
    assumePresent();
    try {
      Files.createDirectories(profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1400,1050");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(60))
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return driver;
  }
}
