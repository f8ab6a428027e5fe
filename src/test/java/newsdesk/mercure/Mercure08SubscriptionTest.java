package newsdesk.mercure;

import static newsdesk.mercure.Mercure08Support.get;
import static newsdesk.mercure.Mercure08Support.open;
import static newsdesk.mercure.Mercure08Support.url;
import static newsdesk.mercure.MercureSupport.form;
import static newsdesk.mercure.MercureSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsdesk.testing.Jwts;
import newsdesk.testing.SseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Draft-08's Subscription, Matcher Types and Reconciliation sections over real HTTP: the
 * {@code match} parameters and their 400s, exact and URL-pattern matching, {@code last_event_id}
 * and {@code Mercure-Last-Event-ID}, and draft-07 and draft-08 clients side by side on one log.
 */
class Mercure08SubscriptionTest extends Mercure08Hub {
  private static final Duration WAIT = Duration.ofSeconds(15);


  private static String topic() {
    return "https://example.com/books/" + UUID.randomUUID();
  }

  private String published(String... pairs) {
    var res = publish(server, publisher, form(pairs));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return res.body();
  }

  @Test
  void anExactMatcherReceivesItsTopicByteForByteAndAUriTemplateIsNotExpanded() {
    String t = topic();
    try (var exact = open(url(server, "match", t), null, null);
        var literal = open(url(server, "match_exact", "https://example.com/books/{id}"), null, null)) {
      String id = published("topic", t, "data", "one");
      var m = exact.next(WAIT);
      assertThat(m.id()).isEqualTo(id);
      assertThat(m.data()).isEqualTo("one");
      String id2 = published("topic", "https://example.com/books/{id}", "data", "the template itself");
      assertThat(literal.next(WAIT).id()).isEqualTo(id2); // the topic equal to it, not topics it would expand to
      assertThat(exact.poll(Duration.ofMillis(300))).isNull();
    }
  }

  @Test
  void aUrlPatternMatcherReceivesMatchingTopicsOnlyAndRelativePatternsResolveAgainstTheHub() {
    String tag = UUID.randomUUID().toString();
    try (var books = open(url(server, "match_urlpattern", "https://example.com/shelf-" + tag + "/:id"), null, null);
        var local = open(url(server, "match_urlpattern", "/local-" + tag + "/*"), null, null)) {
      published("topic", "https://example.com/other-" + tag + "/1", "data", "not a book");
      String id = published("topic", "https://example.com/shelf-" + tag + "/7?edition=2", "data", "a book");
      var m = books.next(WAIT);
      assertThat(m.id()).isEqualTo(id);
      String local1 = published("topic", server.baseUrl() + "/local-" + tag + "/a/b", "data", "absolute, on the hub");
      assertThat(local.next(WAIT).id()).isEqualTo(local1);
      String local2 = published("topic", "/local-" + tag + "/c", "data", "relative");
      assertThat(local.next(WAIT).id()).isEqualTo(local2);
      assertThat(books.poll(Duration.ofMillis(300))).isNull();
    }
  }

  @Test
  void theWildcardMatchesEveryTopicWhateverTheType() {
    try (var all = open(url(server, "match_urlpattern", "*"), null, null)) {
      String id = published("topic", "urn:anything:" + UUID.randomUUID(), "data", "x");
      SseClient.Message m;
      do {
        m = all.next(WAIT);
      } while (!m.id().equals(id));
      assertThat(m.data()).isEqualTo("x");
    }
  }

  @ParameterizedTest(name = "{0} → 400")
  @ValueSource(strings = {
      "matches=x", "Match=x", "MATCH_exact=x", "match_uritemplate=x", "match_URLPATTERN=x", "match_=x",
      "match_urlpattern=https%3A%2F%2Fexample.com%2F(", "match_urlpattern=https%3A%2F%2Fexample.com%2F(%3F%3D.)",
      "match=a%00b", "match=a%C2%85b", "match=a%E2%80%8Bb", "match=a%FFb", "match=", "topic=x"})
  void aMalformedOrUnknownMatcherIsRefused(String query) {
    var res = get(Mercure08Support.hubUrl(server) + "?" + (query.startsWith("topic") ? query + "&match_" : query),
        Map.of());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void parameterNamesAreReadPercentDecodedAsUrlSearchParamsReadsThem() {
    String t = topic();
    try (var c = open(Mercure08Support.hubUrl(server) + "?%6D%61tch=" + java.net.URLEncoder.encode(t,
        java.nio.charset.StandardCharsets.UTF_8), null, null)) {
      String id = published("topic", t, "data", "x");
      assertThat(c.next(WAIT).id()).isEqualTo(id);
    }
  }

  @Test
  void tooManyMatchersAreRefused() {
    var q = new StringBuilder(Mercure08Support.hubUrl(server)).append('?');
    for (int i = 0; i < 200; i++) q.append("match=t").append(i).append('&');
    assertThat(get(q.toString(), Map.of()).statusCode()).isEqualTo(400);
  }

  @Test
  void aTokenInTheUrlIsRefusedAsAnInvalidRequest() {
    String token = Mercure08Support.subscriberToken(server, List.of(Jwts.detail(List.of("subscribe"), "exact:*")));
    var res = get(url(server, "match", topic(), "access_token", token), Map.of());
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h ->
        assertThat(h).startsWith("Bearer ").contains("error=\"invalid_request\"").contains("resource_metadata="));
    var draft07Style = get(url(server, "match", topic(), "authorization", token), Map.of());
    assertThat(draft07Style.statusCode()).isEqualTo(400);
  }

  @Test
  void lastEventIdInTheQueryResumesAndTheResponseNamesThePrecedingEvent() {
    String t = topic();
    String first = published("topic", t, "data", "1");
    String second = published("topic", t, "data", "2");
    try (var c = open(url(server, "match", t, "last_event_id", first), null, null)) {
      assertThat(c.response().headers().firstValue("Mercure-Last-Event-ID")).hasValue(first);
      assertThat(c.next(WAIT).id()).isEqualTo(second);
    }
    // The header wins over the query parameter.
    try (var c = open(url(server, "match", t, "last_event_id", second), null, first)) {
      assertThat(c.response().headers().firstValue("Mercure-Last-Event-ID")).hasValue(first);
      assertThat(c.next(WAIT).id()).isEqualTo(second);
    }
    // An id the hub does not know: everything it has on the topic, from the earliest.
    try (var c = open(url(server, "match", t, "last_event_id", "urn:unknown:" + UUID.randomUUID()), null, null)) {
      assertThat(c.response().headers().firstValue("Mercure-Last-Event-ID")).hasValue("earliest");
      SseClient.Message m;
      do {
        m = c.next(WAIT);
      } while (m.id() == null); // the hub's notice that history was missed
      assertThat(m.id()).isEqualTo(first);
    }
  }

  @Test
  void draft07AndDraft08SubscribersOnOneTopicGetTheSameUpdateWithTheSameIdAndBothResume() {
    String t = topic();
    String seen;
    try (var old = SseClient.open(MercureSupport.subscribeUrl(server, List.of(t), null), null);
        var next = open(url(server, "match", t), null, null)) {
      seen = published("topic", t, "type", "story.updated", "data", "same for both");
      var a = old.next(WAIT);
      var b = next.next(WAIT);
      assertThat(a).isEqualTo(b);
      assertThat(a.id()).isEqualTo(seen);
    }
    String missed = published("topic", t, "data", "while both were away");
    try (var old = SseClient.open(MercureSupport.subscribeUrl(server, List.of(t), null), seen);
        var next = open(url(server, "match", t, "last_event_id", seen), null, null)) {
      assertThat(old.response().headers().firstValue("Last-Event-ID")).hasValue(seen);
      assertThat(next.response().headers().firstValue("Mercure-Last-Event-ID")).hasValue(seen);
      assertThat(old.next(WAIT).id()).isEqualTo(missed);
      assertThat(next.next(WAIT).id()).isEqualTo(missed);
    }
  }

  @Test
  void theProtectedResourceMetadataNamesTheHubAndHowToPresentATokenTo() {
    var res = get(server.baseUrl() + "/.well-known/oauth-protected-resource/.well-known/mercure", Map.of());
    assertThat(res.statusCode()).isEqualTo(200);
    var doc = new io.vertx.core.json.JsonObject(res.body());
    assertThat(doc.getString("resource")).isEqualTo(Mercure08Support.hubUrl(server));
    assertThat(doc.getJsonArray("authorization_details_types_supported").getList()).containsExactly(Jwts.DETAIL_TYPE);
    assertThat(doc.getJsonArray("bearer_methods_supported").getList()).containsExactly("header");
    assertThat(doc.getString("mercure_cookie")).isEqualTo("__Secure-mercure_access_token");
    assertThat(doc.getJsonArray("mercure_matcher_types_supported").getList()).containsExactly("exact", "urlpattern");
  }
}
