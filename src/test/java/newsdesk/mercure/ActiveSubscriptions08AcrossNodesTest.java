package newsdesk.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsdesk.hub.Presence;
import newsdesk.testing.Await;
import newsdesk.testing.Cluster;
import newsdesk.testing.Jwts;
import newsdesk.testing.NodeProcess;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Draft-08 active subscriptions across two node processes (one PostgreSQL, one Redis): a
 * subscription opened on node B is announced to a watcher on node A, listed by A's subscription
 * API while open, and gone from it (404) once it closes.
 */
class ActiveSubscriptions08AcrossNodesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PUBLIC = "http://news.test";
  private static final String HUB = PUBLIC + "/.well-known/mercure";
  private static final String EVENTS = "/.well-known/mercure/subscriptions/*";
  /** A share, a lease and a share again, with room for a loaded machine. */
  private static final Duration WAIT = Presence.LEASE.plus(Duration.ofSeconds(20));

  @TempDir Path dir;
  private Cluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) cluster.close();
  }

  @Test
  void aSubscriptionOnBIsAnnouncedAndListedOnA() throws Exception {
    cluster = Cluster.start(dir, 2, Cluster.LOCAL_REDIS, PUBLIC, List.of("--mercure-subscriber-key", Jwts.SUBSCRIBER_KEY),
        Map.of("mercure.subscriptions", "true"));
    NodeProcess a = cluster.node(0);
    NodeProcess b = cluster.node(1);
    String topic = "https://example.com/books/" + UUID.randomUUID();
    String watcherToken = token("urlpattern:" + EVENTS);
    try (var watcher = open(a, "match_urlpattern", EVENTS, watcherToken)) {
      String id;
      try (var sub = open(b, "match", topic, token("exact:" + topic))) {
        JsonNode opened = nextAbout(watcher, topic);
        assertThat(opened.path("active").asBoolean()).isTrue();
        id = opened.path("id").asText();
        Await.until(() -> status(a, id, watcherToken) == 200, WAIT, "B's subscription in A's API");
      }
      assertThat(nextAbout(watcher, topic).path("active").asBoolean()).isFalse();
      Await.until(() -> status(a, id, watcherToken) == 404, WAIT, "B's closed subscription gone from A's API");
    }
  }

  private static String token(String matcher) {
    return Jwts.accessToken(Jwts.SUBSCRIBER_KEY, HUB, "https://issuer.example", Instant.now().plusSeconds(3600),
        List.of(Jwts.detail(List.of("subscribe"), matcher)));
  }

  private static SseClient open(NodeProcess node, String name, String value, String token) {
    return SseClient.open(node.baseUrl() + "/.well-known/mercure?" + name + "="
        + URLEncoder.encode(value, StandardCharsets.UTF_8), null, Map.of("Authorization", "Bearer " + token));
  }

  private static int status(NodeProcess node, String path, String token) {
    return TestServer.exchange(HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
        .header("Authorization", "Bearer " + token).build()).statusCode();
  }

  private static JsonNode nextAbout(SseClient watcher, String topic) throws Exception {
    for (int i = 0; i < 20; i++) {
      JsonNode doc = JSON.readTree(watcher.next(WAIT).data());
      if (doc.path("match").asText().equals(topic)) return doc;
    }
    throw new AssertionError("no subscription event about " + topic);
  }
}
