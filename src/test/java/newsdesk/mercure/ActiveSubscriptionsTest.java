package newsdesk.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import newsdesk.testing.Await;
import newsdesk.testing.Jwts;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mercure's active subscriptions, draft-07 form, with {@code mercure.subscriptions=true}: a
 * subscription's opening and closing are private updates on
 * {@code /.well-known/mercure/subscriptions/{topic}/{subscriber}}, heard only with a token that
 * grants them; the subscription API lists what is open, one subscription by its path, with
 * {@code lastEventID}; 401 without a valid token, 403 when its selectors do not match the path.
 */
class ActiveSubscriptionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String TOPIC = "https://example.com/books/1";
  private static final String EVENTS = "/.well-known/mercure/subscriptions/{topic}/{subscriber}";

  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, Map.of("mercure.publisher-key", Jwts.PUBLISHER_KEY,
        "mercure.subscriber-key", Jwts.SUBSCRIBER_KEY, "mercure.subscriptions", "true"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void openingAndClosingASubscriptionArePrivateUpdatesOnItsSubscriptionTopic() throws Exception {
    try (var watcher = MercureSupport.subscribe(server, Jwts.subscriber(List.of(EVENTS)), null, EVENTS);
        var anonymous = MercureSupport.subscribe(server, null, null, EVENTS, "https://example.com/marker")) {
      JsonNode opened;
      String id;
      try (var reader = MercureSupport.subscribe(server, null, null, TOPIC)) {
        opened = nextAbout(watcher, TOPIC); // the watchers' own subscriptions are announced too
        id = opened.path("id").asText();
        assertThat(id).startsWith("/.well-known/mercure/subscriptions/https%3A%2F%2Fexample.com%2Fbooks%2F1/urn%3Auuid%3A");
        assertThat(opened.path("@context").asText()).isEqualTo("https://mercure.rocks/");
        assertThat(opened.path("type").asText()).isEqualTo("Subscription");
        assertThat(opened.path("topic").asText()).isEqualTo(TOPIC);
        assertThat(opened.path("subscriber").asText()).startsWith("urn:uuid:");
        assertThat(opened.path("active").asBoolean()).isTrue();
      }
      JsonNode closed = nextAbout(watcher, TOPIC);
      assertThat(closed.path("id").asText()).isEqualTo(id);
      assertThat(closed.path("active").asBoolean()).isFalse();

      // Private: an anonymous subscriber of the same selector heard neither, only the public marker after them.
      MercureSupport.publish(server, Jwts.publisher(List.of("*")), MercureSupport.form("topic", "https://example.com/marker",
          "data", "marker"));
      var first = anonymous.next(WAIT);
      assertThat(first.data()).isEqualTo("marker");
    }
  }

  @Test
  void theApiListsOpenSubscriptionsAndOneByItsPathWithTheLastEventId() throws Exception {
    String everything = Jwts.subscriber(List.of("*"));
    try (var reader = MercureSupport.subscribe(server, null, null, TOPIC)) {
      Await.until(() -> get("/.well-known/mercure/subscriptions", everything).body().contains(TOPIC), WAIT,
          "the subscription in the collection");
      JsonNode all = JSON.readTree(get("/.well-known/mercure/subscriptions", everything).body());
      assertThat(all.path("type").asText()).isEqualTo("Subscriptions");
      assertThat(all.path("id").asText()).isEqualTo("/.well-known/mercure/subscriptions");
      assertThat(all.path("lastEventID").asText()).isNotEmpty().isNotEqualTo("earliest"); // the opening was an event
      JsonNode sub = all.path("subscriptions").get(0);
      String path = sub.path("id").asText();

      var byTopic = get("/.well-known/mercure/subscriptions/https%3A%2F%2Fexample.com%2Fbooks%2F1", everything);
      assertThat(byTopic.statusCode()).isEqualTo(200);
      assertThat(byTopic.headers().firstValue("Content-Type")).hasValue("application/ld+json");
      assertThat(JSON.readTree(byTopic.body()).path("subscriptions")).hasSize(1);
      assertThat(JSON.readTree(get("/.well-known/mercure/subscriptions/https%3A%2F%2Fexample.com%2Fother", everything)
          .body()).path("subscriptions")).isEmpty();

      var one = get(path, everything);
      assertThat(one.statusCode()).isEqualTo(200);
      JsonNode doc = JSON.readTree(one.body());
      assertThat(doc.path("id").asText()).isEqualTo(path);
      assertThat(doc.path("active").asBoolean()).isTrue();
      assertThat(doc.path("lastEventID").asText()).isNotEmpty();
      // A token granting exactly that path may read it, and nothing else.
      String justThat = Jwts.subscriber(List.of(path));
      assertThat(get(path, justThat).statusCode()).isEqualTo(200);
      assertThat(get("/.well-known/mercure/subscriptions", justThat).statusCode()).isEqualTo(403);
      assertThat(get(path.substring(0, path.lastIndexOf('/')) + "/urn%3Auuid%3Anobody", everything).statusCode())
          .isEqualTo(404);
    }
    Await.until(() -> !get("/.well-known/mercure/subscriptions", everything).body().contains(TOPIC), WAIT,
        "the closed subscription gone from the collection");
  }

  @Test
  void theApiNeedsAValidSubscriberTokenWhoseSelectorsMatch() {
    var none = get("/.well-known/mercure/subscriptions", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    String expired = Jwts.hs256(Jwts.SUBSCRIBER_KEY, null, List.of("*"), Instant.now().minusSeconds(600));
    assertThat(get("/.well-known/mercure/subscriptions", expired).statusCode()).isEqualTo(401);
    String wrongKey = Jwts.hs256(Jwts.PUBLISHER_KEY, null, List.of("*"), Instant.now().plusSeconds(600));
    assertThat(get("/.well-known/mercure/subscriptions", wrongKey).statusCode()).isEqualTo(401);
    var elsewhere = get("/.well-known/mercure/subscriptions", Jwts.subscriber(List.of("https://example.com/books/{id}")));
    assertThat(elsewhere.statusCode()).isEqualTo(403);
    assertThat(elsewhere.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
  }

  /** The next subscription event about {@code topic}, skipping those about other subscriptions. */
  private static JsonNode nextAbout(SseClient watcher, String topic) throws Exception {
    for (int i = 0; i < 20; i++) {
      JsonNode doc = JSON.readTree(watcher.next(WAIT).data());
      if (doc.path("topic").asText().equals(topic)) return doc;
    }
    throw new AssertionError("no subscription event about " + topic);
  }

  private HttpResponse<String> get(String path, String jwt) {
    var b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET();
    if (jwt != null) b.header("Authorization", "Bearer " + jwt);
    return TestServer.exchange(b.build());
  }
}
