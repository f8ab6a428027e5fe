package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import newsdesk.store.Event;
import newsdesk.testing.Await;
import newsdesk.testing.PostgresDatabase;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL database and one Redis stream: each arms its timer for a story
 * scheduled on either, both are due at once, and the store's claim lets exactly one publish it.
 */
class ScheduledPublishClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SITE = "http://news.test";

  @TempDir Path dir;
  private final String stream = "newsdesk:test:" + UUID.randomUUID();
  private PostgresDatabase database;
  private TestServer a;
  private TestServer b;

  @BeforeEach
  void startNodes() {
    database = PostgresDatabase.create();
    var settings = Map.of("store", database.url(), "bus", "redis://127.0.0.1:6379", "bus.stream", stream,
        "public-url", SITE);
    a = TestServer.start(dir.resolve("a"), settings);
    b = TestServer.start(dir.resolve("b"), settings);
  }

  @AfterEach
  void stopNodes() throws Exception {
    if (a != null) a.close();
    if (b != null) b.close();
    database.close();
    new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "DEL", stream).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }

  private static JsonNode json(String body) throws Exception {
    return JSON.readTree(body);
  }

  private static String draft(TestServer node, String slug) {
    var r = node.editor("POST", "/api/v1/stories", "{\"slug\":\"" + slug + "\",\"headline\":\"Embargoed " + slug
        + "\",\"section\":\"city\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return slug;
  }

  private static void schedule(TestServer node, String slug, Instant at) {
    var r = node.editor("POST", "/api/v1/stories/" + slug + "/schedule", "{\"at\":\"" + at + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private long publishedEvents(String slug) {
    return a.app().store().eventsAfter(0, 10_000).stream()
        .filter(e -> e.type().equals("story.published") && e.topics().contains(SITE + "/stories/" + slug)).count();
  }

  /** A node's view of the bus: every event it was handed, in order. */
  private static ConcurrentLinkedQueue<Event> seenBy(TestServer node) {
    var seen = new ConcurrentLinkedQueue<Event>();
    node.app().hub().listen(seen::add);
    return seen;
  }

  @Test
  void storiesScheduledOnEitherNodeForTheSameMomentArePublishedOnceEach() throws Exception {
    var seenOnA = seenBy(a);
    var seenOnB = seenBy(b);
    var slugs = new ArrayList<String>();
    Instant at = Instant.now().plusSeconds(4);
    for (int i = 0; i < 6; i++) {
      TestServer via = i % 2 == 0 ? a : b;
      slugs.add(schedulable(via, "at-once-" + i, at));
    }
    // Both nodes hold every notice before the time, so both timers are armed for it.
    Await.until(() -> notices(seenOnA) == 6 && notices(seenOnB) == 6, WAIT, "both nodes have every schedule notice");
    try (var onA = SseClient.connect(a.baseUrl(), null, SITE + "/");
        var onB = SseClient.connect(b.baseUrl(), null, SITE + "/")) {
      var gotA = new ArrayList<String>();
      var gotB = new ArrayList<String>();
      for (int i = 0; i < 6; i++) {
        gotA.add(json(onA.next(WAIT).data()).path("slug").asText());
        gotB.add(json(onB.next(WAIT).data()).path("slug").asText());
      }
      assertThat(gotA).containsExactlyInAnyOrderElementsOf(slugs);
      assertThat(gotB).containsExactlyInAnyOrderElementsOf(slugs);
      assertThat(onA.poll(Duration.ofMillis(300))).as("no second publication reaches a reader").isNull();
    }
    for (String slug : slugs) {
      assertThat(publishedEvents(slug)).as("story.published events for %s", slug).isEqualTo(1);
      JsonNode s = json(a.editor("GET", "/api/v1/stories/" + slug, null).body());
      assertThat(s.path("status").asText()).isEqualTo("published");
      long late = Duration.between(at, Instant.parse(s.path("publishedAt").asText())).toMillis();
      assertThat(late).as("%s published %d ms after its time", slug, late).isBetween(0L, 999L);
    }
  }

  @Test
  void whenTheNodeThatTookTheScheduleStopsTheOtherPublishesOnTime() throws Exception {
    var seenOnB = seenBy(b);
    Instant at = Instant.now().plusSeconds(4);
    String slug = schedulable(a, "failover", at);
    Await.until(() -> notices(seenOnB) == 1, WAIT, "node b has the schedule notice");
    a.close();
    a = null;
    Await.until(() -> seenOnB.stream().anyMatch(e -> e.type().equals("story.published")), WAIT, "node b publishes");
    JsonNode s = json(b.editor("GET", "/api/v1/stories/" + slug, null).body());
    long late = Duration.between(at, Instant.parse(s.path("publishedAt").asText())).toMillis();
    System.out.printf("failover: node b published %d ms after the time%n", late);
    assertThat(late).as("armed by the notice, not found by the 10 s sweep").isBetween(0L, 999L);
    assertThat(b.app().store().eventsAfter(0, 1000).stream().filter(e -> e.type().equals("story.published")).count())
        .isEqualTo(1);
  }

  private static String schedulable(TestServer node, String slug, Instant at) {
    schedule(node, draft(node, slug), at);
    return slug;
  }

  private static long notices(ConcurrentLinkedQueue<Event> seen) {
    return seen.stream().filter(e -> e.type().equals("story.scheduled")).count();
  }
}
