package newsdesk.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsdesk.hub.ResumePoint;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Newsdesk nodes in one JVM on one store and one Redis stream (real Redis at 127.0.0.1:6379):
 * readers on either node see what is published on either, with the same ids in the same order, and
 * a reader moving to the other node with Last-Event-ID gets exactly what it missed.
 */
class TwoNodesOnRedisTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String SITE = "http://news.test";

  @TempDir Path dir;
  final String stream = "newsdesk:test:" + UUID.randomUUID();
  TestServer a;
  TestServer b;

  @BeforeEach
  void startNodes() {
    var settings = Map.of("bus", "redis://127.0.0.1:6379", "bus.stream", stream, "public-url", SITE);
    a = TestServer.start(dir, settings);
    b = TestServer.start(dir, settings);
  }

  @AfterEach
  void stopNodes() throws Exception {
    if (a != null) a.close();
    if (b != null) b.close();
    new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "DEL", stream).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }

  private String liveBlog(TestServer node, String slug) {
    var res = node.editor("POST", "/api/v1/stories",
        "{\"slug\":\"" + slug + "\",\"headline\":\"Live\",\"section\":\"news\",\"kind\":\"live\",\"status\":\"published\"}");
    assertThat(res.statusCode()).isEqualTo(201);
    return SITE + "/stories/" + slug;
  }

  private void addEntry(TestServer node, String slug, String body) {
    var res = node.editor("POST", "/api/v1/stories/" + slug + "/entries", "{\"body\":\"" + body + "\"}");
    assertThat(res.statusCode()).isEqualTo(201);
  }

  private static List<String> ids(SseClient client, int count) {
    var ids = new ArrayList<String>();
    for (int i = 0; i < count; i++) ids.add(client.next(WAIT).id());
    return ids;
  }

  @Test
  void readersOnEitherNodeSeeWhatIsPublishedOnEitherWithTheSameIdsInOneOrder() {
    String topic = liveBlog(a, "election");
    // From the earliest event: the story's own event is in both sequences, whenever each node got it.
    try (var onA = SseClient.connect(a.baseUrl(), ResumePoint.EARLIEST, topic);
        var onB = SseClient.connect(b.baseUrl(), ResumePoint.EARLIEST, topic)) {
      for (int i = 0; i < 10; i++) addEntry(i % 2 == 0 ? a : b, "election", "entry " + i);

      List<String> seenOnA = ids(onA, 11);
      List<String> seenOnB = ids(onB, 11);
      assertThat(seenOnB).isEqualTo(seenOnA);
      assertThat(seenOnA.stream().mapToLong(Long::parseLong).toArray()).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void aReaderMovingToTheOtherNodeWithLastEventIdGetsExactlyWhatItMissed() {
    String topic = liveBlog(a, "count");
    List<String> before;
    try (var onA = SseClient.connect(a.baseUrl(), null, topic)) {
      for (int i = 0; i < 4; i++) addEntry(a, "count", "before " + i);
      before = ids(onA, 4);
    }
    for (int i = 0; i < 3; i++) addEntry(i % 2 == 0 ? a : b, "count", "while away " + i);
    try (var onB = SseClient.connect(b.baseUrl(), before.get(3), topic)) {
      List<String> missed = ids(onB, 3);
      addEntry(a, "count", "live");
      String live = onB.next(WAIT).id();
      assertThat(Long.parseLong(missed.get(0))).isGreaterThan(Long.parseLong(before.get(3)));
      assertThat(missed.stream().mapToLong(Long::parseLong).toArray()).isSorted().doesNotHaveDuplicates();
      assertThat(Long.parseLong(live)).isGreaterThan(Long.parseLong(missed.get(2)));
    }
  }
}
