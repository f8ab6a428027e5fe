package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import newsdesk.testing.Cluster;
import newsdesk.testing.MercurePublisher;
import newsdesk.testing.NodeProcess;
import newsdesk.testing.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Newsdesk nodes as separate processes on one PostgreSQL database and one Redis stream (the
 * real Redis, a stream of this class's own), read over real HTTP: an event committed on any node
 * reaches the readers of every node with the same id in one order, and a reader that moves to
 * another node with Last-Event-ID gets exactly what it missed. Each test reads a topic of its own.
 */
class ThreeNodeClusterTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path dir;
  private static Cluster cluster;
  private static NodeProcess a;
  private static NodeProcess b;
  private static NodeProcess c;
  private final String topic = "https://news.test/live/" + UUID.randomUUID();

  @BeforeAll
  static void startNodes() {
    cluster = Cluster.start(dir, 3, Cluster.LOCAL_REDIS, null, MercurePublisher.NODE_FLAGS);
    a = cluster.node(0);
    b = cluster.node(1);
    c = cluster.node(2);
  }

  @AfterAll
  static void stopNodes() {
    if (cluster != null) cluster.close();
  }

  @Test
  void subscribersOnBAndCReceiveWhatIsPublishedOnAWithTheSameIdsInTheSameOrder() {
    try (var onB = SseClient.connect(b.baseUrl(), null, topic); var onC = SseClient.connect(c.baseUrl(), null, topic)) {
      List<String> published = publish(a, 20);
      assertThat(published).as("ids from one node rise").isSortedAccordingTo(BY_SEQ).doesNotHaveDuplicates();

      assertThat(ids(onB, 20)).containsExactlyElementsOf(published);
      assertThat(ids(onC, 20)).containsExactlyElementsOf(published);
      // Nothing twice: the next event each reader gets is the next one published.
      String next = MercurePublisher.publish(a.baseUrl(), topic);
      assertThat(onB.next(WAIT).id()).isEqualTo(next);
      assertThat(onC.next(WAIT).id()).isEqualTo(next);
    }
    assertThat(cluster.database().eventIds(topic)).hasSize(21);
  }

  @Test
  void aReaderMovedFromBToCWithLastEventIdGetsExactlyTheEventsItMissed() {
    List<String> seen;
    try (var onB = SseClient.connect(b.baseUrl(), null, topic)) {
      List<String> published = publish(a, 5);
      seen = ids(onB, 5);
      assertThat(seen).containsExactlyElementsOf(published);
    }
    List<String> missed = publish(a, 7); // while the reader is away
    String lastSeen = seen.get(seen.size() - 1);
    try (var onC = SseClient.connect(c.baseUrl(), lastSeen, topic)) {
      assertThat(onC.response().headers().firstValue("Last-Event-ID")).as("where C resumes").hasValue(lastSeen);
      assertThat(ids(onC, 7)).as("the missed events, each once, in order").containsExactlyElementsOf(missed);
      List<String> live = publish(a, 3);
      assertThat(ids(onC, 3)).as("then live, nothing twice").containsExactlyElementsOf(live);
    }
    var all = new ArrayList<>(seen);
    all.addAll(missed);
    assertThat(cluster.database().eventIds(topic)).hasSize(15).startsWith(all.toArray(String[]::new));
  }

  @Test
  void concurrentPublishesOnAAndBInterleaveIntoOneOrderSeenIdenticallyOnEveryNodeWithoutAGap() throws Exception {
    int threadsPerNode = 3;
    int eachPublishes = 15;
    int total = 2 * threadsPerNode * eachPublishes;
    try (var onA = SseClient.connect(a.baseUrl(), null, topic); var onB = SseClient.connect(b.baseUrl(), null, topic);
        var onC = SseClient.connect(c.baseUrl(), null, topic);
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerNode)) {
      var publishers = new ArrayList<Future<List<String>>>();
      for (int t = 0; t < 2 * threadsPerNode; t++) {
        NodeProcess node = t % 2 == 0 ? a : b;
        publishers.add(pool.submit(() -> publish(node, eachPublishes)));
      }
      var acknowledged = new ArrayList<String>();
      for (var p : publishers) acknowledged.addAll(p.get(60, TimeUnit.SECONDS));
      acknowledged.sort(BY_SEQ);
      assertThat(acknowledged).hasSize(total).doesNotHaveDuplicates();

      List<String> seenOnA = ids(onA, total);
      assertThat(seenOnA).as("one order: the log's, which is every acknowledged id in seq order")
          .containsExactlyElementsOf(acknowledged);
      assertThat(ids(onB, total)).as("on B, as on A").containsExactlyElementsOf(seenOnA);
      assertThat(ids(onC, total)).as("on C, as on A").containsExactlyElementsOf(seenOnA);
      long first = Long.parseLong(seenOnA.get(0));
      long last = Long.parseLong(seenOnA.get(total - 1));
      assertThat(last - first + 1).as("no gap in the seq between %d and %d", first, last).isEqualTo(total);
      assertThat(cluster.database().eventIds(topic)).containsExactlyElementsOf(seenOnA);

      String next = MercurePublisher.publish(c.baseUrl(), topic);
      for (SseClient reader : List.of(onA, onB, onC)) assertThat(reader.next(WAIT).id()).as("nothing twice").isEqualTo(next);
    }
    List<Long> seqs = cluster.database().eventSeqs();
    assertThat(seqs).as("the log has no hole").containsExactlyElementsOf(
        java.util.stream.LongStream.rangeClosed(1, seqs.size()).boxed().toList());
  }

  private static final Comparator<String> BY_SEQ = Comparator.comparingLong(Long::parseLong);

  /** Publishes {@code count} updates to {@code node} one after another: the ids it acknowledged. */
  private List<String> publish(NodeProcess node, int count) {
    var ids = new ArrayList<String>();
    for (int i = 0; i < count; i++) ids.add(MercurePublisher.publish(node.baseUrl(), topic));
    return ids;
  }

  private static List<String> ids(SseClient reader, int count) {
    var ids = new ArrayList<String>();
    for (int i = 0; i < count; i++) ids.add(reader.next(WAIT).id());
    return ids;
  }
}
