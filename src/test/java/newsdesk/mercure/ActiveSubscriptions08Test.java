package newsdesk.mercure;

import static newsdesk.mercure.Mercure08Support.open;
import static newsdesk.mercure.Mercure08Support.url;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.net.http.HttpResponse;
import newsdesk.testing.Await;
import newsdesk.testing.Jwts;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mercure's active subscriptions in draft-08's form, with {@code mercure.subscriptions=true}: a
 * draft-08 subscription's opening and closing are private {@code mercure}-typed events on
 * {@code /.well-known/mercure/subscriptions/{match_type}/{match}/{subscriber}}; the API answers an
 * access token in the same form (Link cursor, 401 invalid_token, 403 insufficient_scope), with the
 * token's payload; a
 * draft-07 subscription keeps draft-07's form; the metadata says the feature is on.
 */
class ActiveSubscriptions08Test {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String PREFIX = "/.well-known/mercure/subscriptions";
  private static final String EVENTS = PREFIX + "/*";

  @TempDir Path dir;
  private TestServer server;
  private String watcherToken;

  @BeforeEach
  void start() {
    var settings = new HashMap<>(Mercure08Support.settings());
    settings.put("mercure.subscriptions", "true");
    server = TestServer.start(dir, settings);
    watcherToken = token(Jwts.detail(List.of("subscribe"), "urlpattern:" + EVENTS));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String token(Map<String, Object> detail) {
    return Mercure08Support.subscriberToken(server, List.of(detail));
  }

  @Test
  void aDraft08SubscriptionIsAnnouncedOpenAndClosedAndTheApiListsItWhileOpen() throws Exception {
    String topic = "https://example.com/books/" + UUID.randomUUID();
    var detail = new HashMap<>(Jwts.detail(List.of("subscribe"), "exact:" + topic));
    detail.put("payload", Map.of("name", "Ada"));
    String reader = token(detail);
    try (var watcher = open(url(server, "match_urlpattern", EVENTS), watcherToken, null)) {
      JsonNode opened;
      try (var sub = open(url(server, "match", topic), reader, null)) {
        opened = nextAbout(watcher, topic);
        String id = opened.path("id").asText();
        assertThat(id).startsWith(PREFIX + "/exact/" + SubscriptionDocuments.expand(topic) + "/urn%3Auuid%3A");
        assertThat(opened.path("type").asText()).isEqualTo("subscription");
        assertThat(opened.path("match_type").asText()).isEqualTo("exact");
        assertThat(opened.path("subscriber").asText()).startsWith("urn:uuid:");
        assertThat(opened.path("active").asBoolean()).isTrue();
        assertThat(opened.has("@context")).isFalse();
        assertThat(opened.path("payload").path("name").asText()).as("the token's payload").isEqualTo("Ada");

        // The registry is shared across nodes every few seconds: wait for it to list the subscription.
        Await.until(() -> get(id, watcherToken).statusCode() == 200, WAIT, "the subscription in the API");
        var one = get(id, watcherToken);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(one.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(one.headers().firstValue("Link")).hasValueSatisfying(l -> assertThat(l)
            .contains("rel=\"mercure\"").contains("last-event-id=\"").doesNotContain("last-event-id=\"earliest\""));
        assertThat(JSON.readTree(one.body())).isEqualTo(opened);
        String byMatcher = PREFIX + "/exact/" + SubscriptionDocuments.expand(topic);
        JsonNode collection = JSON.readTree(get(byMatcher, watcherToken).body());
        assertThat(collection.path("type").asText()).isEqualTo("subscriptions");
        assertThat(collection.path("id").asText()).isEqualTo(byMatcher);
        assertThat(collection.path("subscriptions")).hasSize(1);
        // The collection itself is not under ".../subscriptions/*"; the reserved "*" covers it.
        assertThat(get(PREFIX, watcherToken).statusCode()).isEqualTo(403);
        assertThat(get(PREFIX, token(Jwts.detail(List.of("subscribe"), "exact:*"))).body()).contains(id);

        // A token granting exactly that subscription's topic reads it, and not the collection.
        String justThat = token(Jwts.detail(List.of("subscribe"), "exact:" + id));
        assertThat(get(id, justThat).statusCode()).isEqualTo(200);
        assertThat(get(PREFIX, justThat).statusCode()).isEqualTo(403);
      }
      JsonNode closed = nextAbout(watcher, topic);
      assertThat(closed.path("id").asText()).isEqualTo(opened.path("id").asText());
      assertThat(closed.path("active").asBoolean()).isFalse();
      Await.until(() -> get(opened.path("id").asText(), watcherToken).statusCode() == 404, WAIT,
          "the closed subscription gone from the API");
    }
  }

  @Test
  void theWildcardIsAnnouncedUnderTheMatcherTypeTheSubscriberUsed() throws Exception {
    String everything = token(Jwts.detail(List.of("subscribe"), "exact:*"));
    try (var watcher = open(url(server, "match_urlpattern", EVENTS), watcherToken, null);
        var sub = open(url(server, "match_urlpattern", "*"), everything, null)) {
      JsonNode opened = nextAbout(watcher, "*");
      assertThat(opened.path("match_type").asText()).isEqualTo("urlpattern");
      assertThat(opened.path("id").asText()).startsWith(PREFIX + "/urlpattern/%2A/");
    }
  }

  @Test
  void aDraft07SubscriptionKeepsDraft07sFormBesideDraft08Ones() throws Exception {
    String topic = "https://example.com/books/" + UUID.randomUUID();
    String events07 = PREFIX + "/{topic}/{subscriber}";
    try (var watcher07 = MercureSupport.subscribe(server, Jwts.subscriber(List.of(events07)), null, events07);
        var watcher08 = open(url(server, "match_urlpattern", EVENTS), watcherToken, null);
        var reader = MercureSupport.subscribe(server, null, null, topic)) {
      JsonNode doc07 = null;
      for (int i = 0; i < 20 && doc07 == null; i++) {
        var m = watcher07.next(WAIT);
        JsonNode d = JSON.readTree(m.data());
        if (d.path("topic").asText().equals(topic)) {
          doc07 = d;
          assertThat(m.event()).isNotEqualTo("mercure"); // an ordinary message event
        }
      }
      assertThat(doc07).as("a draft-07 event about " + topic).isNotNull();
      assertThat(doc07.path("type").asText()).isEqualTo("Subscription");
      assertThat(doc07.path("id").asText()).startsWith(PREFIX + "/" + SubscriptionDocuments.expand(topic) + "/");
      // The draft-08 API lists draft-08 subscriptions only; the draft-07 API draft-07 ones only.
      String all07 = Jwts.subscriber(List.of("*"));
      Await.until(() -> get(PREFIX, all07).body().contains(topic), WAIT, "the draft-07 subscription in the API");
      assertThat(get(PREFIX, all07).body()).doesNotContain("\"match_type\"");
      String all08 = get(PREFIX, token(Jwts.detail(List.of("subscribe"), "exact:*"))).body();
      assertThat(all08).doesNotContain(topic).doesNotContain("\"Subscription\"").contains("\"match_type\"");
    }
  }

  @Test
  void theApiAnswersDraft08TokensWith401And403AsTheDraftSays() {
    var none = get(PREFIX, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
        assertThat(v).startsWith("Bearer").contains("resource_metadata=").doesNotContain("error="));
    String expired = Jwts.accessToken(Jwts.SUBSCRIBER_KEY, Mercure08Support.hubUrl(server), Mercure08Support.ISSUER,
        Instant.now().minusSeconds(600), List.of(Jwts.detail(List.of("subscribe"), "exact:*")));
    var invalid = get(PREFIX, expired);
    assertThat(invalid.statusCode()).isEqualTo(401);
    assertThat(invalid.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
        assertThat(v).contains("error=\"invalid_token\""));
    var elsewhere = get(PREFIX, token(Jwts.detail(List.of("subscribe"), "urlpattern:https://example.com/*")));
    assertThat(elsewhere.statusCode()).isEqualTo(403);
    assertThat(elsewhere.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
        assertThat(v).contains("error=\"insufficient_scope\""));
    var publishOnly = get(PREFIX, token(Jwts.detail(List.of("publish"), "urlpattern:" + EVENTS)));
    assertThat(publishOnly.statusCode()).isEqualTo(403);
    assertThat(get(PREFIX + "/exact", watcherToken).statusCode()).isEqualTo(404);
  }

  @Test
  void theMetadataAdvertisesActiveSubscriptions() throws Exception {
    var res = get("/.well-known/oauth-protected-resource/.well-known/mercure", null);
    assertThat(JSON.readTree(res.body()).path("mercure_subscriptions").asBoolean()).isTrue();
  }

  /** The next subscription event about {@code topic}, skipping those about other subscriptions. */
  private static JsonNode nextAbout(SseClient watcher, String topic) throws Exception {
    for (int i = 0; i < 20; i++) {
      var m = watcher.next(WAIT);
      JsonNode doc = JSON.readTree(m.data());
      if (doc.path("match").asText().equals(topic)) {
        assertThat(m.event()).isEqualTo("mercure");
        return doc;
      }
    }
    throw new AssertionError("no subscription event about " + topic);
  }

  private HttpResponse<String> get(String path, String token) {
    return Mercure08Support.get(server.baseUrl() + path,
        token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
  }
}
