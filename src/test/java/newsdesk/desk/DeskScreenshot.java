package newsdesk.desk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import newsdesk.store.Role;
import newsdesk.testing.Await;
import newsdesk.testing.Chromium;
import newsdesk.testing.TestServer;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

/**
 * The README's picture of the desk (run by {@code bench/screenshot}): a server on a scratch store
 * with the sample stories and a draft, an admin signed in through the form in headless Chromium at
 * a desktop size, the story list photographed once its live stream is open.
 *
 * <p>Arguments: the PNG to write (default {@code docs/desk.png}), then optionally the desk page to
 * photograph (default {@code /desk}) and the window's width and height (default 1440 × 900).
 */
public final class DeskScreenshot {
  private DeskScreenshot() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/desk.png");
    String page = args.length > 1 ? args[1] : "/desk";
    int width = args.length > 2 ? Integer.parseInt(args[2]) : 1440;
    int height = args.length > 3 ? Integer.parseInt(args[3]) : 900;
    Path scratch = Files.createTempDirectory("newsdesk-screenshot-");
    String password = "screenshot-" + java.util.UUID.randomUUID();
    try (var server = TestServer.start(scratch.resolve("data"), Map.of("sample-content", "true"));
        var chromium = Chromium.start("--hide-scrollbars", "--force-device-scale-factor=1")) {
      server.app().users().create("ann@example.org", "Ann Editor", Role.ADMIN, password.toCharArray());
      server.editor("POST", "/api/v1/stories", """
          {"headline":"Council weighs a later closing time for the night market","section":"city",
           "summary":"A vote is due next week.","authors":["Mara Lindqvist"]}""");
      var driver = chromium.driver();
      driver.manage().window().setSize(new Dimension(width, height));
      var desk = DeskDriver.of(driver, server);
      driver.get(server.baseUrl() + "/desk/sign-in");
      desk.signIn("ann@example.org", password);
      if (!"/desk".equals(page)) driver.get(server.baseUrl() + page);
      Await.until(() -> "complete".equals(desk.js("return document.readyState")), Duration.ofSeconds(20), "the page");
      if ("/desk".equals(page)) {
        Await.until(() -> "open".equals(desk.js("return document.body.dataset.live")), Duration.ofSeconds(20),
            "the list's live stream");
      }
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.write(out, driver.getScreenshotAs(OutputType.BYTES));
      driver.get("about:blank"); // the page's stream ends before the server stops
      System.out.println("wrote " + out + " (" + width + " × " + height + ", " + page + ")");
    } finally {
      try (var paths = Files.walk(scratch)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
