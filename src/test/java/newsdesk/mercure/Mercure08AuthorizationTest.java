package newsdesk.mercure;

import static newsdesk.mercure.Mercure08Support.get;
import static newsdesk.mercure.Mercure08Support.hubUrl;
import static newsdesk.mercure.Mercure08Support.open;
import static newsdesk.mercure.Mercure08Support.subscriberToken;
import static newsdesk.mercure.Mercure08Support.url;
import static newsdesk.mercure.MercureSupport.form;
import static newsdesk.mercure.MercureSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsdesk.testing.Jwts;
import newsdesk.testing.SseClient;
import org.junit.jupiter.api.Test;

/**
 * Draft-08's Authorization and Token Validation sections: which access tokens the hub takes (typ,
 * signature, exp, nbf, aud, iss, authorization_details) and the 401/403 challenges it answers, how
 * a token is presented (header over cookie), and what a token's subscribe grant opens: private
 * updates on the topics it matches, and no others.
 */
class Mercure08AuthorizationTest extends Mercure08Hub {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Duration QUIET = Duration.ofMillis(500);


  private String published(String... pairs) {
    var res = publish(server, publisher, form(pairs));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return res.body();
  }

  private List<Map<String, Object>> subscribeAll() {
    return List.of(Jwts.detail(List.of("subscribe"), "exact:*"));
  }

  private void assertInvalidToken(String token) {
    var res = get(url(server, "match", "https://example.com/x"), Map.of("Authorization", "Bearer " + token));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(401);
    assertThat(res.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
        .startsWith("Bearer ").contains("error=\"invalid_token\"").contains("resource_metadata=\"" + server.baseUrl()
            + "/.well-known/oauth-protected-resource/.well-known/mercure\""));
  }

  @Test
  void aTokenThatFailsAnyCheckIsAnInvalidToken() {
    String aud = hubUrl(server);
    Instant later = Instant.now().plusSeconds(3600);
    var details = subscribeAll();
    assertInvalidToken(Jwts.accessToken(Jwts.SUBSCRIBER_KEY, "JWT", aud, Mercure08Support.ISSUER, later, details));
    assertInvalidToken(Jwts.accessToken(Jwts.SUBSCRIBER_KEY, aud, Mercure08Support.ISSUER, null, details)); // no exp
    assertInvalidToken(Jwts.accessToken(Jwts.SUBSCRIBER_KEY, aud, Mercure08Support.ISSUER,
        Instant.now().minusSeconds(3600), details));
    assertInvalidToken(Jwts.accessToken(Jwts.SUBSCRIBER_KEY, "https://other-hub.example/.well-known/mercure",
        Mercure08Support.ISSUER, later, details));
    assertInvalidToken(Jwts.accessToken(Jwts.SUBSCRIBER_KEY, aud, "https://untrusted.example", later, details));
    assertInvalidToken(Jwts.accessToken(Jwts.PUBLISHER_KEY + "-wrong", aud, Mercure08Support.ISSUER, later, details));
    assertInvalidToken(Jwts.accessToken(Jwts.SUBSCRIBER_KEY, aud, Mercure08Support.ISSUER, later,
        List.of(Map.of("type", Jwts.DETAIL_TYPE, "actions", List.of("subscribe"),
            "topics", List.of(Map.of("match", "x", "match_type", "uritemplate"))))));
    assertInvalidToken(Jwts.accessToken(Jwts.SUBSCRIBER_KEY, aud, Mercure08Support.ISSUER, later,
        List.of(Map.of("type", Jwts.DETAIL_TYPE, "actions", List.of(7), "topics", List.of(Map.of("match", "*"))))));
    assertInvalidToken(Jwts.accessToken(Jwts.SUBSCRIBER_KEY, aud, Mercure08Support.ISSUER, later,
        List.of(Map.of("type", Jwts.DETAIL_TYPE, "actions", List.of("subscribe"), "topics", List.of()))));
    var none = new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("at+jwt")).build(),
        new JWTClaimsSet.Builder().audience(aud).issuer(Mercure08Support.ISSUER)
            .expirationTime(java.util.Date.from(later)).claim("authorization_details", details).build());
    assertInvalidToken(none.serialize());
  }

  @Test
  void typIsComparedWithoutItsApplicationPrefixAndCase() {
    String token = Jwts.accessToken(Jwts.SUBSCRIBER_KEY, "application/AT+JWT", hubUrl(server),
        Mercure08Support.ISSUER, Instant.now().plusSeconds(600), subscribeAll());
    try (var c = open(url(server, "match", "https://example.com/typ"), token, null)) {
      assertThat(c.response().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aSubscribeGrantOnOneUrlPatternOpensPrivateUpdatesOnMatchingTopicsOnly() {
    String tag = UUID.randomUUID().toString();
    String token = subscriberToken(server, List.of(Jwts.detail(List.of("subscribe"),
        "urlpattern:https://example.com/" + tag + "/books/:id")));
    try (var c = open(url(server, "match_urlpattern", "https://example.com/" + tag + "/*"), token, null)) {
      published("topic", "https://example.com/" + tag + "/authors/1", "private", "on", "data", "not granted");
      String granted = published("topic", "https://example.com/" + tag + "/books/1", "private", "", "data", "granted");
      String open = published("topic", "https://example.com/" + tag + "/authors/2", "data", "public");
      assertThat(c.next(WAIT).id()).isEqualTo(granted);
      assertThat(c.next(WAIT).id()).isEqualTo(open);
      assertThat(c.poll(QUIET)).isNull();
    }
    // Replay is judged by the same rules.
    try (var c = open(url(server, "match_urlpattern", "https://example.com/" + tag + "/*", "last_event_id",
        "earliest"), token, null)) {
      var ids = new java.util.ArrayList<String>();
      SseClient.Message m;
      while ((m = c.poll(Duration.ofSeconds(2))) != null) if (m.data().equals("not granted")) ids.add(m.id());
      assertThat(ids).isEmpty();
    }
    // An anonymous subscriber hears only the public one.
    try (var c = open(url(server, "match_urlpattern", "https://example.com/" + tag + "/*"), null, null)) {
      published("topic", "https://example.com/" + tag + "/books/2", "private", "on", "data", "private");
      String pub = published("topic", "https://example.com/" + tag + "/books/3", "data", "public");
      assertThat(c.next(WAIT).id()).isEqualTo(pub);
    }
  }

  @Test
  void aPrivateUpdateReachesASubscriberGrantedOnlyOneOfItsAlternateTopics() {
    String tag = UUID.randomUUID().toString();
    String token = subscriberToken(server, List.of(Jwts.detail(List.of("subscribe"),
        "urlpattern:https://example.com/" + tag + "/users/42/*")));
    try (var c = open(url(server, "match_urlpattern", "https://example.com/" + tag + "/books/:id"), token, null)) {
      String id = published("topic", "https://example.com/" + tag + "/books/1",
          "topic", "https://example.com/" + tag + "/users/42/books/1", "private", "on", "data", "yours");
      assertThat(c.next(WAIT).id()).isEqualTo(id);
    }
  }

  @Test
  void unknownActionsGrantNothingAndDoNotSpoilTheToken() {
    String t = "https://example.com/" + UUID.randomUUID();
    String token = subscriberToken(server, List.of(Jwts.detail(List.of("moderate"), "exact:" + t),
        Map.of("type", "https://other.example/detail", "anything", true)));
    try (var c = open(url(server, "match", t), token, null)) {
      assertThat(c.response().statusCode()).isEqualTo(200);
      published("topic", t, "private", "on", "data", "hidden");
      String pub = published("topic", t, "data", "public");
      assertThat(c.next(WAIT).id()).isEqualTo(pub);
    }
  }

  @Test
  void theCookieCarriesATokenAndTheAuthorizationHeaderWinsOverIt() {
    String t = "https://example.com/" + UUID.randomUUID();
    String token = subscriberToken(server, List.of(Jwts.detail(List.of("subscribe"), "exact:" + t)));
    try (var c = SseClient.open(url(server, "match", t), null,
        Map.of("Cookie", "__Secure-mercure_access_token=" + token))) {
      String id = published("topic", t, "private", "on", "data", "by cookie");
      assertThat(c.next(WAIT).id()).isEqualTo(id);
    }
    try (var c = SseClient.open(url(server, "match", t), null,
        Map.of("Cookie", "__Secure-mercure_access_token=garbage", "Authorization", "Bearer " + token))) {
      String id = published("topic", t, "private", "on", "data", "by header");
      assertThat(c.next(WAIT).id()).isEqualTo(id);
    }
  }

  @Test
  void aTokenlessPublishIsChallengedWithoutAnErrorCode() {
    var res = publish(server, null, form("topic", "https://example.com/x", "data", "x"));
    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h ->
        assertThat(h).startsWith("Bearer ").doesNotContain("error=").contains("resource_metadata="));
  }

  @Test
  void aPublisherWhoseGrantMissesOneTopicGetsInsufficientScopeAndNothingIsDispatched() {
    String tag = UUID.randomUUID().toString();
    String narrow = Jwts.accessToken(Jwts.PUBLISHER_KEY, hubUrl(server), Mercure08Support.ISSUER,
        Instant.now().plusSeconds(600), List.of(Jwts.detail(List.of("publish"), "urlpattern:https://example.com/" + tag + "/a/*")));
    try (var c = open(url(server, "match_urlpattern", "https://example.com/" + tag + "/*"), null, null)) {
      var res = publish(server, narrow, form("topic", "https://example.com/" + tag + "/a/1",
          "topic", "https://example.com/" + tag + "/b/1", "data", "half allowed"));
      assertThat(res.statusCode()).isEqualTo(403);
      assertThat(res.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h ->
          assertThat(h).contains("error=\"insufficient_scope\""));
      var ok = publish(server, narrow, form("topic", "https://example.com/" + tag + "/a/2", "data", "allowed"));
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(c.next(WAIT).id()).isEqualTo(ok.body());
    }
  }

  @Test
  void aSubscriberTokenCannotPublishAndAPublisherTokenFromAnotherRoleKeyIsRefused() {
    String subscriberKeyed = Jwts.accessToken(Jwts.SUBSCRIBER_KEY, hubUrl(server), Mercure08Support.ISSUER,
        Instant.now().plusSeconds(600), List.of(Jwts.detail(List.of("publish"), "exact:*")));
    var res = publish(server, subscriberKeyed, form("topic", "https://example.com/x", "data", "x"));
    assertThat(res.statusCode()).isEqualTo(401);
  }
}
