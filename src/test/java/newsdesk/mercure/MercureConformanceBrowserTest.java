package newsdesk.mercure;


import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import newsdesk.mercure.ConformancePage.Case;
import newsdesk.testing.Chromium;
import newsdesk.testing.Jwts;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The publish/match cases of Mercure's conformance suite, written afresh: a page in real headless
 * Chromium subscribes with {@code EventSource} and publishes with {@code fetch}, as a browser
 * client of the hub does. A case that must not be received is followed by a sentinel update the
 * page does receive, so "not received" is decided by order, not by waiting out a timer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MercureConformanceBrowserTest {
  @TempDir static Path dir;
  TestServer server;
  Chromium browser;
  String publisher;

  @BeforeAll
  void start() {
    browser = Chromium.start();
    server = TestServer.start(dir, Map.of("mercure.publisher-key", Jwts.PUBLISHER_KEY));
    publisher = Jwts.publisher(List.of("*"));
    browser.driver().get(server.baseUrl() + "/healthz"); // a page on the hub's origin
  }

  @AfterAll
  void stop() {
    try {
      if (browser != null) browser.close();
    } finally {
      if (server != null) server.close();
    }
  }

  static Stream<Case> cases() {
    String r = UUID.randomUUID().toString();
    return Stream.of(
        new Case("raw string", List.of("raw-" + r), List.of("raw-" + r), true, false, null),
        new Case("several topics", List.of("https://example.net/canonical/" + r, "https://example.net/alternate/" + r),
            List.of("https://example.net/alternate/" + r), true, false, null),
        new Case("several topic selectors", List.of("multi-" + r), List.of("foo", "multi-" + r), true, false, null),
        new Case("URI", List.of("https://example.net/foo/" + r), List.of("https://example.net/foo/" + r), true, false, null),
        new Case("URI template", List.of("https://example.net/tpl/" + r), List.of("https://example.net/tpl/{random}"),
            true, false, null),
        new Case("non-matching raw string", List.of("will-not-match-" + r), List.of("another-name-" + r), false, false,
            "another-name-" + r),
        new Case("non-matching URI", List.of("https://example.net/foo/will-not-match-" + r),
            List.of("https://example.net/foo/another-name-" + r), false, false, "https://example.net/foo/another-name-" + r),
        new Case("non-matching URI template", List.of("https://example.net/foo/nm-" + r),
            List.of("https://example.net/bar/{var}"), false, false, "https://example.net/bar/sentinel-" + r),
        new Case("private raw string", List.of("private-" + r), List.of("private-" + r), false, true, "private-" + r),
        new Case("private URI", List.of("https://example.net/private/" + r), List.of("https://example.net/private/" + r),
            false, true, "https://example.net/private/" + r),
        new Case("private URI template", List.of("https://example.net/ptpl/" + r),
            List.of("https://example.net/ptpl/{id}"), false, true, "https://example.net/ptpl/" + r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void publishAndMatch(Case c) {
    ConformancePage.check(browser, c, publisher, "07");
  }
}
