package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import newsdesk.auth.DeskSessions;
import newsdesk.auth.Passwords;
import newsdesk.auth.Users;
import newsdesk.content.ContentJson;
import newsdesk.hub.Presence;
import newsdesk.store.Role;
import newsdesk.store.sql.PostgresStores;
import newsdesk.testing.Await;
import newsdesk.testing.Cluster;
import newsdesk.testing.NodeProcess;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Presence across two node processes on one PostgreSQL database and one Redis stream: readers of
 * a story on node B count on node A's desk, and leave its count when they disconnect or when B is
 * killed (its lease lapses); an editor's heartbeat sent to B shows as "is editing" on A.
 */
class PresenceAcrossNodesTest {
  private static final String PUBLIC = "http://news.test";
  private static final String SLUG = "presence-across-nodes";
  private static final String TOPIC = PUBLIC + "/stories/" + SLUG;
  /** A share, a lease and a share again, with room for a loaded machine. */
  private static final Duration WAIT = Presence.LEASE.plus(Duration.ofSeconds(20));

  @TempDir Path dir;
  private Cluster cluster;
  private final List<SseClient> readers = new ArrayList<>();

  @AfterEach
  void stop() {
    readers.forEach(SseClient::close);
    if (cluster != null) cluster.close();
  }

  @Test
  void readersOnBCountOnAAndLeaveWhenTheyDisconnectOrBDies() throws Exception {
    cluster = Cluster.start(dir, 2, Cluster.LOCAL_REDIS, PUBLIC, List.of());
    NodeProcess a = cluster.node(0);
    NodeProcess b = cluster.node(1);
    String session = session();

    for (int i = 0; i < 3; i++) readers.add(SseClient.connect(b.baseUrl(), null, TOPIC));
    readers.add(SseClient.connect(a.baseUrl(), null, TOPIC));
    awaitReaders(a, session, 4, "three readers on B and one on A, seen from A");

    readers.remove(0).close();
    readers.remove(0).close();
    awaitReaders(a, session, 2, "two readers on B gone");

    b.kill(); // no goodbye: its rows lapse with its lease
    awaitReaders(a, session, 1, "B's last reader gone with B");
  }

  @Test
  void anEditorsHeartbeatOnBShowsOnA() throws Exception {
    cluster = Cluster.start(dir, 2, Cluster.LOCAL_REDIS, PUBLIC, List.of());
    NodeProcess a = cluster.node(0);
    NodeProcess b = cluster.node(1);
    String token = a.createToken(Role.EDITOR);
    var created = TestServer.exchange(HttpRequest.newBuilder(URI.create(a.baseUrl() + "/api/v1/stories"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"headline\":\"Presence across nodes\",\"section\":\"city\"}")).build());
    assertThat(created.statusCode()).isEqualTo(201);
    String session = session();

    var heartbeat = TestServer.exchange(HttpRequest.newBuilder(URI.create(b.baseUrl() + "/desk/stories/" + SLUG + "/presence"))
        .header("Cookie", "nd_session=" + session).header("X-CSRF-Token", DeskSessions.csrfToken(session))
        .header("Origin", PUBLIC).POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(heartbeat.statusCode()).isEqualTo(204);
    Await.until(() -> poll(a, session).path("editingText").asText().equals("Ann Editor is editing"), WAIT,
        "Ann's heartbeat on B seen from A");
    assertThat(poll(a, session).path("readers").asLong()).as("an editor is not a reader").isZero();
  }

  /** A desk session of an editor, made in the nodes' database as the desk's sign-in would. */
  private String session() {
    try (var store = PostgresStores.open(cluster.database().url())) {
      var users = new Users(store, new Passwords(), Clock.systemUTC());
      var ann = users.create("ann@example.org", "Ann Editor", Role.EDITOR, "correct horse battery".toCharArray());
      return new DeskSessions(store, Clock.systemUTC(), Duration.ofHours(1)).start(ann).id();
    }
  }

  private static void awaitReaders(NodeProcess node, String session, long count, String what) {
    Await.until(() -> poll(node, session).path("readers").asLong(-1) == count, WAIT, what);
  }

  private static JsonNode poll(NodeProcess node, String session) {
    var res = TestServer.exchange(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/desk/presence?slug=" + SLUG))
        .header("Cookie", "nd_session=" + session).GET().build());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    try {
      return ContentJson.MAPPER.readTree(res.body()).path("stories").path(SLUG);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
