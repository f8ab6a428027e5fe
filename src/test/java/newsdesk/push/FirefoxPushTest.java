package newsdesk.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import newsdesk.testing.MozillaPushServer;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in a real browser, offline: Debian's firefox-esr subscribes on a Newsdesk story
 * page through a local push server speaking Mozilla's protocol; the page is closed; an alert is
 * sent through the API; Firefox decrypts what Newsdesk encrypted and the service worker shows it.
 * Driven by src/test/firefox/push-e2e.mjs (puppeteer-core over WebDriver BiDi).
 */
class FirefoxPushTest {
  private static final Path FIREFOX = Path.of("/usr/bin/firefox-esr");
  private static final Path DRIVER_DIR = Path.of("src/test/firefox");

  @TempDir Path dir;

  @Test
  void aReaderWhoClosedThePageStillGetsTheBreakingAlertFromFirefoxsServiceWorker() throws Exception {
    assumeTrue(Files.isExecutable(FIREFOX), "firefox-esr is not installed (./newsdesk test installs it)");
    assumeTrue(onPath("node") && onPath("npm"), "node and npm are needed to drive Firefox");
    ensureDriver();

    try (var push = new MozillaPushServer();
        var server = TestServer.start(dir.resolve("data"), Map.of("push.allow-insecure-endpoints", "true"))) {
      var created = server.editor("POST", "/api/v1/stories",
          "{\"headline\":\"Harbour bridge closes\",\"slug\":\"harbour-bridge\",\"section\":\"city\",\"status\":\"published\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      String headline = "Harbour bridge closed in both directions";
      String text = "Police ask drivers to use the ring road.";

      var pb = new ProcessBuilder("node", "push-e2e.mjs").directory(DRIVER_DIR.toFile());
      pb.environment().putAll(Map.of(
          "NEWSDESK_URL", server.baseUrl(),
          "STORY_PATH", "/stories/harbour-bridge",
          "EDITOR_TOKEN", server.editorToken(),
          "PUSH_WS", push.webSocketUrl(),
          "PUSH_HTTP", push.httpBase(),
          "HEADLINE", headline,
          "TEXT", text,
          "PROFILE_DIR", Files.createDirectories(dir.resolve("profile")).toString()));
      Path err = dir.resolve("driver.log");
      pb.redirectError(err.toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean done = p.waitFor(150, TimeUnit.SECONDS);
      if (!done) p.destroyForcibly();
      String why = "driver output:\n" + out + "\n" + tail(err) + "\npush server: " + push.log();
      assertThat(done).as(why).isTrue();
      assertThat(p.exitValue()).as(why).isZero();

      JsonNode result = new ObjectMapper().readTree(out.strip().lines().reduce((a, b) -> b).orElseThrow());
      assertThat(result.get("endpoint").asText()).startsWith(push.httpBase() + "/wpush/");
      // Firefox acked with 100: it decrypted our aes128gcm body and the worker handled the push.
      assertThat(push.acks()).as(why).isNotEmpty().allSatisfy(a -> assertThat(a.code()).isEqualTo(100));
      JsonNode shown = result.get("notifications").get(0);
      assertThat(shown.get("title").asText()).isEqualTo(headline);
      assertThat(shown.get("body").asText()).isEqualTo(text);
      assertThat(shown.get("data").get("url").asText()).isEqualTo(server.storyUrl("harbour-bridge"));
    }
  }

  private static void ensureDriver() throws Exception {
    if (Files.isDirectory(DRIVER_DIR.resolve("node_modules/puppeteer-core"))) return;
    // Never hand node the test JVM's stdin: node makes an inherited stdin non-blocking, which
    // breaks Surefire's channel to this forked JVM. Its output goes to a file for the same reason.
    var npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DRIVER_DIR.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/npm-ci.log")));
    npm.environment().put("PUPPETEER_SKIP_DOWNLOAD", "1");
    assertThat(npm.start().waitFor()).as("npm ci in " + DRIVER_DIR).isZero();
  }

  private static boolean onPath(String cmd) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, cmd))) return true;
    }
    return false;
  }

  private static String tail(Path file) throws Exception {
    if (!Files.exists(file)) return "";
    var lines = Files.readAllLines(file);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
