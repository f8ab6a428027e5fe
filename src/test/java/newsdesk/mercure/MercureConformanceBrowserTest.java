package newsdesk.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
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

  /** {@code sentinel} is a public topic the selectors match, published after a case that must not arrive. */
  record Case(String name, List<String> updateTopics, List<String> selectors, boolean mustBeReceived,
      boolean privateUpdate, String sentinel) {
    @Override
    public String toString() {
      return name;
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

  private static final String SCRIPT = """
      const [selectors, topics, isPrivate, updateId, sentinel, jwt, done] = arguments;
      const url = new URL('/.well-known/mercure', location.origin);
      selectors.forEach(s => url.searchParams.append('topic', s));
      const es = new EventSource(url);
      const result = {};
      let finished = false;
      const finish = () => { if (!finished) { finished = true; es.close(); done(result); } };
      // The first event and the publish answer can come in either order; wait for both.
      const settle = () => { if ('firstId' in result && 'body' in result) finish(); };
      const post = (fields) => {
        const body = new URLSearchParams();
        for (const [k, v] of fields) body.append(k, v);
        return fetch('/.well-known/mercure', {method: 'POST', headers: {Authorization: 'Bearer ' + jwt}, body});
      };
      es.onmessage = (e) => {
        if ('firstId' in result) return;
        result.firstId = e.lastEventId;
        result.firstData = e.data;
        settle();
      };
      es.onerror = () => { result.error = 'EventSource error, readyState ' + es.readyState; finish(); };
      es.onopen = async () => {
        const fields = topics.map(t => ['topic', t]);
        fields.push(['id', updateId], ['data', 'data for\\n\\n' + updateId]);
        if (isPrivate) fields.push(['private', 'on']);
        const res = await post(fields);
        result.status = res.status;
        result.contentType = res.headers.get('Content-Type');
        const text = await res.text();
        if (sentinel) await post([['topic', sentinel], ['id', updateId + '-sentinel'], ['data', 'sentinel']]);
        result.body = text;
        settle();
      };
      setTimeout(() => { result.error = 'nothing arrived within 10 s'; finish(); }, 10000);
      """;

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void publishAndMatch(Case c) {
    String updateId = "urn:uuid:" + UUID.randomUUID();
    browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
    @SuppressWarnings("unchecked")
    var result = (Map<String, Object>) browser.driver().executeAsyncScript(SCRIPT,
        c.selectors(), c.updateTopics(), c.privateUpdate(), updateId, c.sentinel(), publisher);

    assertThat(result).doesNotContainKey("error");
    assertThat(result.get("status")).isEqualTo(200L);
    assertThat(result.get("contentType")).isEqualTo("text/plain; charset=utf-8");
    assertThat(result.get("body")).isEqualTo(updateId);
    if (c.mustBeReceived()) {
      assertThat(result.get("firstId")).isEqualTo(updateId);
      assertThat(result.get("firstData")).isEqualTo("data for\n\n" + updateId);
    } else {
      assertThat(result.get("firstId")).as("the update must not reach this subscriber").isEqualTo(updateId + "-sentinel");
      assertThat(result.get("firstData")).isEqualTo("sentinel");
    }
  }
}
