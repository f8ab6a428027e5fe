package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import newsdesk.testing.Jwts;
import newsdesk.testing.PostgresDatabase;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Newsdesk started with a {@code store} URL keeps everything in that PostgreSQL database. */
class PostgresNodesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private PostgresDatabase database;

  @BeforeEach
  void createDatabase() {
    database = PostgresDatabase.create();
  }

  @AfterEach
  void dropDatabase() {
    database.close();
  }

  @Test
  void aStoryPublishedOnPostgresIsThereAfterARestart() throws Exception {
    String slug;
    try (var server = TestServer.start(dir.resolve("first"), Map.of("store", database.url()))) {
      var created = server.editor("POST", "/api/v1/stories", "{\"headline\":\"Harbour reopens\",\"section\":\"city\","
          + "\"summary\":\"Ships are back.\",\"body\":\"The *harbour* is open.\",\"status\":\"published\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      slug = JSON.readTree(created.body()).path("slug").asText();
      assertThat(server.editor("GET", "/api/v1/stories/" + slug, null).statusCode()).isEqualTo(200);
      assertThat(server.app().store().lastSeq()).isPositive();
    }
    assertThat(dir.resolve("first").resolve("newsdesk.db")).doesNotExist(); // nothing went to SQLite
    // Restarted with another data directory: what it knows comes from PostgreSQL alone.
    try (var server = TestServer.start(dir.resolve("second"), Map.of("store", database.jdbcUrl()))) {
      var read = server.editor("GET", "/api/v1/stories/" + slug, null);
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(read.body()).path("headline").asText()).isEqualTo("Harbour reopens");
      assertThat(JSON.readTree(read.body()).path("status").asText()).isEqualTo("published");
      var page = server.send("GET", "/stories/" + slug, null, null);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("Harbour reopens").contains("<em>harbour</em>");
    }
    assertThat(Files.exists(dir.resolve("second").resolve("newsdesk.db"))).isFalse();
  }

  @Test
  void theSameMercureIdPublishedOnTwoNodesAtOnceIsTakenOnceAndRefusedOnceWith409() throws Exception {
    Map<String, String> settings = Map.of("store", database.url(), "mercure.publisher-key", Jwts.PUBLISHER_KEY);
    String jwt = Jwts.publisher(List.of("*"));
    int ids = 25;
    try (var a = TestServer.start(dir.resolve("a"), settings); var b = TestServer.start(dir.resolve("b"), settings);
        ExecutorService pool = Executors.newFixedThreadPool(2)) {
      var answers = new ArrayList<Future<List<Integer>>>();
      for (TestServer node : List.of(a, b)) {
        answers.add(pool.submit(() -> {
          var statuses = new ArrayList<Integer>();
          for (int i = 0; i < ids; i++) statuses.add(publish(node, jwt, "urn:test:same-" + i).statusCode());
          return statuses;
        }));
      }
      List<Integer> onA = answers.get(0).get(60, TimeUnit.SECONDS);
      List<Integer> onB = answers.get(1).get(60, TimeUnit.SECONDS);
      for (int i = 0; i < ids; i++) {
        assertThat(List.of(onA.get(i), onB.get(i))).as("id " + i).containsExactlyInAnyOrder(200, 409);
      }
      assertThat(a.app().store().eventsAfter(0, 2 * ids)).hasSize(ids);
    }
  }

  @Test
  void nodesStartedAtOnceOnOneDatabaseSignWithOneVapidKeyPair() throws Exception {
    Map<String, String> settings = Map.of("store", database.url());
    var nodes = new ArrayList<TestServer>();
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      var started = new ArrayList<Future<TestServer>>();
      for (String name : List.of("a", "b")) started.add(pool.submit(() -> TestServer.start(dir.resolve(name), settings)));
      for (var f : started) nodes.add(f.get(60, TimeUnit.SECONDS));
      String a = JSON.readTree(nodes.get(0).send("GET", "/push/key", null, null).body()).path("publicKey").asText();
      String b = JSON.readTree(nodes.get(1).send("GET", "/push/key", null, null).body()).path("publicKey").asText();
      assertThat(a).isNotEmpty().isEqualTo(b);
      assertThat(nodes.get(1).app().vapidKeys().privateKey()).isEqualTo(nodes.get(0).app().vapidKeys().privateKey());
      // A third node, started later with an empty data directory of its own, gets the same pair.
      try (var c = TestServer.start(dir.resolve("c"), settings)) {
        assertThat(c.app().vapidKeys().publicKeyBase64()).isEqualTo(a);
      }
    } finally {
      for (TestServer n : nodes) n.close();
    }
  }

  private static HttpResponse<String> publish(TestServer node, String jwt, String id) {
    return node.mercurePublish(jwt, "https://example.com/t", id, "x");
  }
}
