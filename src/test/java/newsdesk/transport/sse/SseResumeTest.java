package newsdesk.transport.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Last-Event-ID resume over real HTTP: nothing lost, nothing twice, gap when history is gone. */
class SseResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  TestServer server;

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private String liveBlog(String slug) {
    var res = server.editor("POST", "/api/v1/stories",
        "{\"slug\":\"" + slug + "\",\"headline\":\"Live: " + slug + "\",\"section\":\"news\",\"kind\":\"live\",\"status\":\"published\"}");
    assertThat(res.statusCode()).isEqualTo(201);
    return server.storyUrl(slug);
  }

  private long addEntry(String slug, String body) {
    var res = server.editor("POST", "/api/v1/stories/" + slug + "/entries",
        "{\"body\":" + JSON.valueToTree(body) + "}");
    assertThat(res.statusCode()).isEqualTo(201);
    try {
      return JSON.readTree(res.body()).get("id").asLong();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode data(SseClient.Message m) {
    try {
      return JSON.readTree(m.data());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void resumeAfterDisconnectReplaysEachMissedEventOnceInOrderThenGoesLive() {
    server = TestServer.start(dir);
    resumeReplaysWhatWasMissed();
  }

  /** The same, with no events held in memory: every page of the replay is read from the store. */
  @Test
  void resumeFromTheStoreAlonePagesThroughEverythingMissed() {
    server = TestServer.start(dir, Map.of("history.memory", "0"));
    resumeReplaysWhatWasMissed();
  }

  private void resumeReplaysWhatWasMissed() {
    String topic = liveBlog("resume");
    String lastSeen;
    try (var first = SseClient.connect(server.baseUrl(), null, topic)) {
      long id = addEntry("resume", "before the drop");
      var m = first.next(WAIT);
      assertThat(m.event()).isEqualTo("entry.added");
      assertThat(data(m).get("entry").get("id").asLong()).isEqualTo(id);
      lastSeen = m.id();
    }

    var missed = new ArrayList<Long>();
    for (int i = 0; i < 1_000; i++) missed.add(addEntry("resume", "missed " + i));

    try (var again = SseClient.connect(server.baseUrl(), lastSeen, topic)) {
      var got = new ArrayList<Long>();
      long previousId = Long.parseLong(lastSeen);
      for (int i = 0; i < 1_000; i++) {
        var m = again.next(WAIT);
        assertThat(m.event()).isEqualTo("entry.added");
        assertThat(Long.parseLong(m.id())).isGreaterThan(previousId);
        previousId = Long.parseLong(m.id());
        got.add(data(m).get("entry").get("id").asLong());
      }
      assertThat(got).containsExactlyElementsOf(missed);

      long live = addEntry("resume", "after the resume");
      var m = again.next(WAIT);
      assertThat(data(m).get("entry").get("id").asLong()).isEqualTo(live);
      assertThat(again.drain()).isEmpty();
    }
  }

  @Test
  void eventsPublishedWhileReplayingAreDeliveredOnceAtTheSeam() throws Exception {
    server = TestServer.start(dir);
    String topic = liveBlog("seam");
    long first = addEntry("seam", "first");
    String firstEventId = Long.toString(server.app().store().lastSeq());
    var history = new ArrayList<Long>();
    for (int i = 0; i < 1_500; i++) history.add(addEntry("seam", "history " + i));

    // Publish concurrently with the replay, so some events land in the live queue while the
    // replay is still reading pages from the log.
    var concurrent = new ArrayList<Long>();
    try (var client = SseClient.connect(server.baseUrl(), firstEventId, topic)) {
      Thread writer = Thread.ofVirtual().start(() -> {
        for (int i = 0; i < 200; i++) concurrent.add(addEntry("seam", "during " + i));
      });
      var got = new ArrayList<Long>();
      for (int i = 0; i < 1_700; i++) got.add(data(client.next(WAIT)).get("entry").get("id").asLong());
      writer.join();
      var expected = new ArrayList<>(history);
      expected.addAll(concurrent);
      assertThat(got).doesNotHaveDuplicates().containsExactlyElementsOf(expected).doesNotContain(first);
      assertThat(client.drain()).isEmpty();
    }
  }

  @Test
  void anIdOlderThanTheKeptHistoryGetsAGapThenWhatIsKept() {
    server = TestServer.start(dir, Map.of("history.keep", "5"));
    String topic = liveBlog("gap");
    var ids = new ArrayList<Long>();
    for (int i = 0; i < 12; i++) ids.add(addEntry("gap", "entry " + i));
    server.app().pruneHistory();
    assertThat(server.app().store().prunedThrough()).isGreaterThan(2);

    try (var client = SseClient.connect(server.baseUrl(), "2", topic)) {
      var gap = client.next(WAIT);
      assertThat(gap.event()).isEqualTo("gap");
      assertThat(data(gap).get("reason").asText()).contains("reload");
      List<Long> replayed = new ArrayList<>();
      for (int i = 0; i < 5; i++) replayed.add(data(client.next(WAIT)).get("entry").get("id").asLong());
      assertThat(replayed).containsExactlyElementsOf(ids.subList(7, 12));
    }
  }

  @Test
  void anUnknownEventIdGetsAGap() {
    server = TestServer.start(dir);
    String topic = liveBlog("unknown");
    try (var client = SseClient.connect(server.baseUrl(), "not-an-id-we-gave", topic)) {
      assertThat(client.next(WAIT).event()).isEqualTo("gap");
    }
  }

  @Test
  void lastEventIdQueryParameterWorksLikeTheHeader() {
    server = TestServer.start(dir);
    String topic = liveBlog("param");
    String before = Long.toString(server.app().store().lastSeq());
    long id = addEntry("param", "missed");
    String url = server.baseUrl() + "/events?topic=" + java.net.URLEncoder.encode(topic, java.nio.charset.StandardCharsets.UTF_8)
        + "&lastEventID=" + before;
    try (var client = SseClient.open(url, null)) {
      assertThat(data(client.next(WAIT)).get("entry").get("id").asLong()).isEqualTo(id);
    }
  }
}
