package newsdesk.hub.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What Mercure needs of URL patterns beyond the web-platform-tests cases: hub-relative use, linear time. */
class UrlPatternTest {
  private static final String HUB = "https://hub.example/.well-known/mercure";

  @Test
  void relativePatternsAndTopicsResolveAgainstTheHubsUrl() {
    var p = UrlPattern.compile("/.well-known/mercure/subscriptions/:type/:match/:subscriber", HUB);
    assertThat(p.test("/.well-known/mercure/subscriptions/exact/https%3A%2F%2Fa/urn%3Au%3A1", HUB)).isTrue();
    assertThat(p.test("https://hub.example/.well-known/mercure/subscriptions/exact/x/y", HUB)).isTrue();
    assertThat(p.test("https://other.example/.well-known/mercure/subscriptions/exact/x/y", HUB)).isFalse();
  }

  @Test
  void aTopicThatIsNotAUrlNeverMatches() {
    var p = UrlPattern.compile("https://example.com/*", HUB);
    assertThat(p.test("https://exa mple.com/x", HUB)).isFalse();
    assertThat(p.test("http://[::1/x", HUB)).isFalse();
  }

  @Test
  void aRelativePatternWithoutABaseAndRegExpFeaturesRe2LacksAreRefused() {
    assertThatThrownBy(() -> UrlPattern.compile("/books/:id", null)).isInstanceOf(UrlPattern.Invalid.class);
    assertThatThrownBy(() -> UrlPattern.compile("https://example.com/(?<=a)b", HUB))
        .isInstanceOf(UrlPattern.Invalid.class);
    assertThatThrownBy(() -> UrlPattern.compile("https://example.com/(a)(\\1)", HUB))
        .isInstanceOf(UrlPattern.Invalid.class);
  }

  @Test
  void adjacentGroupsDoNotBacktrack() {
    // A backtracking engine takes exponential time here; RE2/J answers in time linear in the topic.
    var p = UrlPattern.compile("https://example.com/" + ":a(.*):b(.*):c(.*):d(.*):e(.*):f(.*):g(.*):h(.*)x", HUB);
    String topic = "https://example.com/" + "a".repeat(2_000);
    long start = System.nanoTime();
    assertThat(p.test(topic, HUB)).isFalse();
    assertThat(p.test(topic + "x", HUB)).isTrue();
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println("two 2,000-character topics against eight adjacent groups: " + ms + " ms");
    assertThat(ms).as("milliseconds").isLessThan(2_000);
  }
}
