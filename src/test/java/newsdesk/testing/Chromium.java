package newsdesk.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromedriver, with the flags that work offline on
 * these machines and a fresh profile each time. Both paths are given, so Selenium Manager has
 * nothing to find and never reaches the network.
 */
public final class Chromium implements AutoCloseable {
  private static final File BINARY = new File("/usr/bin/chromium");
  private static final File DRIVER = new File("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /**
   * Starts a browser, or skips the test where Chromium is not installed (CI installs it).
   *
   * @param extraFlags more command-line flags, e.g. {@code --ignore-certificate-errors} for a test's
   *     self-signed certificate
   */
  public static Chromium start(String... extraFlags) {
    assumeTrue(BINARY.canExecute() && DRIVER.canExecute(),
        "needs Debian's chromium and chromium-driver (./newsdesk test installs them)");
    System.setProperty("webdriver.chrome.driver", DRIVER.getPath());
    Path profile;
    try {
      profile = Files.createTempDirectory("newsdesk-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var options = new ChromeOptions();
    options.setBinary(BINARY);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile);
    options.addArguments(extraFlags);
    var service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
    var driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1000, 700));
    return new Chromium(driver, profile);
  }

  public ChromeDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var paths = Files.walk(profile)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary profile left behind is harmless
      }
    }
  }
}
