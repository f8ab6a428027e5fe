package newsdesk.desk;

import java.nio.file.Path;
import java.time.Duration;
import newsdesk.store.Role;
import newsdesk.testing.Chromium;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the editor's browser tests share: headless Chromium, a server with an editor
 * ({@link #EDITOR}) and a contributor ({@link #CONTRIBUTOR}) who sign in with {@link #PASSWORD},
 * and the desk driver. Each test gets a fresh browser and server.
 */
abstract class EditorBrowserTests {
  static final String PASSWORD = "correct horse battery";
  static final String EDITOR = "ann@example.org";
  static final String CONTRIBUTOR = "cat@example.org";
  /** A save (autosave every 3 s, a retry, a loaded machine) goes through within this. */
  static final Duration SAVE = Duration.ofSeconds(30);

  @TempDir Path dir;
  TestServer server;
  Chromium browser;
  ChromeDriver driver;
  DeskDriver desk;

  @BeforeEach
  final void startBrowserAndServer() {
    browser = Chromium.start();
    driver = browser.driver();
    server = TestServer.start(dir.resolve("data"));
    desk = new DeskDriver(driver, server);
    server.createUser(EDITOR, Role.EDITOR, PASSWORD);
    server.createUser(CONTRIBUTOR, Role.CONTRIBUTOR, PASSWORD);
  }

  @AfterEach
  final void stopBrowserAndServer() {
    try {
      if (browser != null) browser.close();
    } finally {
      if (server != null) server.close();
    }
  }
}
