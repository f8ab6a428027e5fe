package newsdesk.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import newsdesk.hub.urlpattern.UrlPattern;
import newsdesk.mercure.ConformancePage.Case;
import newsdesk.testing.Chromium;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cases of Mercure's draft-08 conformance suite (dunglas/mercure v1.0.0-alpha.3), written
 * afresh: a page in real headless Chromium subscribes with {@code EventSource} using {@code match}
 * (or {@code match_urlpattern} for a selector with a {@code :name} group) and publishes with
 * {@code fetch} and an {@code at+jwt} access token. A case that must not be received is followed by
 * a sentinel update the page does receive, so "not received" is decided by order, not a timer.
 * A second check holds our URL Pattern matcher to Chromium's own {@code URLPattern}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Mercure08ConformanceBrowserTest {
  @TempDir static Path dir;
  TestServer server;
  Chromium browser;
  String publisher;

  @BeforeAll
  void start() {
    browser = Chromium.start();
    server = TestServer.start(dir, Mercure08Support.settings());
    publisher = Mercure08Support.publisherToken(server);
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
    String r = UUID.randomUUID().toString().replace("-", "");
    return Stream.of(
        new Case("raw string", List.of("raw-" + r), List.of("raw-" + r), true, false, null),
        new Case("multiple topic selectors", List.of("multi-" + r), List.of("foo", "multi-" + r), true, false, null),
        new Case("URI", List.of("https://example.net/foo/" + r), List.of("https://example.net/foo/" + r), true, false, null),
        new Case("URL pattern", List.of("https://example.net/pat/" + r), List.of("https://example.net/pat/:random"),
            true, false, null),
        new Case("nonmatching raw string", List.of("will-not-match-" + r), List.of("another-name-" + r), false, false,
            "another-name-" + r),
        new Case("nonmatching URI", List.of("https://example.net/foo/will-not-match-" + r),
            List.of("https://example.net/foo/another-name-" + r), false, false, "https://example.net/foo/another-name-" + r),
        new Case("nonmatching URL pattern", List.of("https://example.net/foo/nm-" + r),
            List.of("https://example.net/bar/:var"), false, false, "https://example.net/bar/sentinel-" + r),
        new Case("private raw string", List.of("private-" + r), List.of("private-" + r), false, true, "private-" + r),
        new Case("private URI", List.of("https://example.net/private/" + r), List.of("https://example.net/private/" + r),
            false, true, "https://example.net/private/" + r),
        new Case("private URL pattern", List.of("https://example.net/ppat/" + r),
            List.of("https://example.net/ppat/:random"), false, true, "https://example.net/ppat/s" + r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void publishAndMatch(Case c) {
    ConformancePage.check(browser, c, publisher, "08");
  }

  /** Patterns and topics as Mercure clients write them, with the corners of URL canonicalisation. */
  private static final List<List<String>> PAIRS = List.of(
      List.of("https://example.com/books/:id", "https://example.com/books/1"),
      List.of("https://example.com/books/:id", "https://example.com/books/1/chapters"),
      List.of("https://example.com/books/:id", "https://example.com/books/"),
      List.of("https://example.com/books/:id", "https://EXAMPLE.com/books/1?x=y#z"),
      List.of("https://example.com/books/:id", "https://example.com:443/books/1"),
      List.of("https://example.com/books/:id", "https://example.com:8443/books/1"),
      List.of("https://example.com/books/:id", "http://example.com/books/1"),
      List.of("https://example.com/books/*", "https://example.com/books/a/b/c"),
      List.of("https://example.com/books/:id?", "https://example.com/books"),
      List.of("https://example.com/books/:id(\\d+)", "https://example.com/books/12"),
      List.of("https://example.com/books/:id(\\d+)", "https://example.com/books/twelve"),
      List.of("https://example.com/books/:id+", "https://example.com/books/1/2"),
      List.of("https://example.com/{books/}?:id", "https://example.com/7"),
      List.of("https://*.example.com/*", "https://news.example.com/a"),
      List.of("https://*.example.com/*", "https://example.com/a"),
      List.of("https://example.com/caf%C3%A9/:id", "https://example.com/café/1"),
      List.of("https://example.com/café/:id", "https://example.com/caf%C3%A9/1"),
      List.of("https://example.com/a b/:id", "https://example.com/a%20b/1"),
      List.of("https://example.com/a/../b/:id", "https://example.com/b/1"),
      List.of("https://example.com/b/:id", "https://example.com/a/../b/1"),
      List.of("https://bücher.example/:id", "https://xn--bcher-kva.example/1"),
      List.of("https://example.com/search?q=:term", "https://example.com/search?q=news"),
      List.of("https://example.com/search?q=:term", "https://example.com/search?q=news&page=2"),
      List.of("https://example.com/page#:section", "https://example.com/page#intro"),
      List.of("https://[::1]/:id", "https://[0:0::1]/x"),
      List.of("https://192.168.0.1/:id", "https://3232235521/x"),
      List.of("/.well-known/mercure/subscriptions/:type/:topic/:subscriber",
          "/.well-known/mercure/subscriptions/exact/https%3A%2F%2Fexample.com/urn%3Auuid%3A1"),
      List.of("/relative/:id", "/relative/1"),
      List.of("/relative/:id", "https://other.example/relative/1"),
      List.of("urn\\:isbn\\::number", "urn:isbn:123"),
      List.of("urn\\:isbn\\::number", "urn:issn:123"),
      List.of("https://example.com/books/:id", "not a url at all"),
      List.of("https://example.com/books/:id", "books/1"),
      List.of("https://example.com/:a-:b", "https://example.com/x-y"),
      List.of("https://example.com/files/*.pdf", "https://example.com/files/a/b.pdf"));

  @Test
  void ourUrlPatternMatchingAgreesWithChromiumsUrlPattern() {
    String hub = Mercure08Support.hubUrl(server);
    @SuppressWarnings("unchecked")
    var chromium = (List<Object>) browser.driver().executeScript("""
        const [pairs, base] = arguments;
        return pairs.map(([p, t]) => {
          try { return new URLPattern(p, base).test(t, base); } catch (e) { return 'error: ' + e.message; }
        });
        """, PAIRS, hub);
    var disagreements = new ArrayList<String>();
    for (int i = 0; i < PAIRS.size(); i++) {
      String pattern = PAIRS.get(i).get(0);
      String topic = PAIRS.get(i).get(1);
      Object ours;
      try {
        ours = UrlPattern.compile(pattern, hub).test(topic, hub);
      } catch (UrlPattern.Invalid e) {
        ours = "error";
      }
      Object theirs = chromium.get(i) instanceof String s && s.startsWith("error") ? "error" : chromium.get(i);
      if (!ours.equals(theirs)) disagreements.add(pattern + " vs " + topic + ": ours " + ours + ", Chromium " + theirs);
    }
    assertThat(disagreements).isEmpty();
  }
}
