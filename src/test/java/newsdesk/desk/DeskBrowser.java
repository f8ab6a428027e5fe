package newsdesk.desk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsdesk.store.Role;
import newsdesk.testing.Chromium;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What every desk browser test stands on, fresh for each test: a server on a temporary data
 * directory with the {@link #setting settings} and {@link #person people} the test class names (all
 * signing in with {@link #PASSWORD}), and headless Chromium, started when first used and driven as
 * a {@link DeskDriver}. {@link #another} opens one more browser (its own cookies, so its own
 * session). All of it stops after the test, browsers first, so no page's stream outlives its server.
 * Register it on an instance field: {@code @RegisterExtension final DeskBrowser desk = new DeskBrowser()}.
 */
final class DeskBrowser extends DeskDriver implements BeforeEachCallback, AfterEachCallback {
  static final String PASSWORD = "correct horse battery";

  private record Person(String email, String name, Role role) {}

  private final Map<String, String> settings = new HashMap<>();
  private final List<Person> people = new ArrayList<>();
  private final List<Chromium> browsers = new ArrayList<>();
  private Path dir;
  private TestServer server;
  private ChromeDriver driver;

  /** A config key (as in docs/configuration.md) the server starts with. */
  DeskBrowser setting(String key, String value) {
    settings.put(key, value);
    return this;
  }

  /** Someone the server knows from the start, signing in with {@link #PASSWORD}. */
  DeskBrowser person(String email, String name, Role role) {
    people.add(new Person(email, name, role));
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("newsdesk-desk-browser-");
    server = TestServer.start(dir.resolve("data"), settings);
    for (Person p : people) server.app().users().create(p.email(), p.name(), p.role(), PASSWORD.toCharArray());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      browsers.reversed().forEach(Chromium::close);
    } finally {
      browsers.clear();
      driver = null;
      try {
        if (server != null) server.close();
      } finally {
        server = null;
        delete(dir);
      }
    }
  }

  /** The test's browser, started on first use (a test skips where Chromium is not installed). */
  @Override
  ChromeDriver driver() {
    if (driver == null) driver = open();
    return driver;
  }

  @Override
  TestServer server() {
    if (server == null) throw new IllegalStateException("the server runs only during a test");
    return server;
  }

  /** One more browser on the same server, stopped with the rest. */
  DeskDriver another() {
    return DeskDriver.of(open(), server());
  }

  private ChromeDriver open() {
    Chromium b = Chromium.start();
    browsers.add(b);
    return b.driver();
  }

  private static void delete(Path dir) {
    if (dir == null) return;
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
