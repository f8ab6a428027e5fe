package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import newsdesk.testing.Await;
import newsdesk.testing.Cluster;
import newsdesk.testing.FailoverReader;
import newsdesk.testing.MercurePublisher;
import newsdesk.testing.NodeProcess;
import newsdesk.testing.RedisServer;
import newsdesk.testing.SteadyPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Newsdesk nodes (separate processes, one PostgreSQL database, a redis-server of this class's
 * own) under a steady publish rate while a node is killed, Redis is restarted, or every node is
 * restarted in turn. Readers do what EventSource does (reconnect with Last-Event-ID, here to the
 * next node) and must end with exactly the log's events on their topic: every acknowledged one,
 * each once, in order. A publish its node never answered may or may not be in the log; readers
 * must agree with the log either way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // any order works; this one restarts least
class ClusterFaultsTest {
  private static final Duration GAP = Duration.ofMillis(30);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int READERS_PER_NODE = 2;

  @TempDir static Path dir;
  private static RedisServer redis;
  private static Cluster cluster;
  private final String topic = "https://news.test/live/" + UUID.randomUUID();
  private final List<FailoverReader> readers = new ArrayList<>();
  private SteadyPublisher publisher;

  @BeforeAll
  static void startCluster() throws IOException {
    redis = new RedisServer().start();
    cluster = Cluster.start(dir, 3, redis.url(), null, MercurePublisher.NODE_FLAGS);
  }

  @AfterAll
  static void stopCluster() {
    try {
      if (cluster != null) cluster.close();
    } finally {
      if (redis != null) redis.close();
    }
  }

  /**
   * Every test starts on three healthy nodes (those an earlier test killed or stopped are started
   * again here, not after it, so the last test's victim costs no restart) with readers spread over
   * them, two on each.
   */
  @BeforeEach
  void healthyNodesAndReaders() throws IOException {
    if (!redis.isRunning()) redis.start();
    for (NodeProcess node : nodes()) if (!node.isAlive()) node.restart();
    for (int i = 0; i < READERS_PER_NODE * nodes().size(); i++) {
      readers.add(FailoverReader.open(nodes(), i % nodes().size(), topic));
    }
  }

  @AfterEach
  void closeClients() {
    if (publisher != null) publisher.close();
    readers.forEach(FailoverReader::close);
  }

  @Test
  @Order(1)
  void redisRestartedUnderASteadyPublishRateLosesNothingAndRepeatsNothing() throws IOException {
    publisher = SteadyPublisher.start(nodes(), topic, GAP);
    publisher.awaitMoreAcknowledged(30, WAIT);

    redis.stop(); // SIGKILL; it keeps nothing (no save, no append-only file)
    // Publishing goes on: a publish is acknowledged once the log has it, and nodes read the log.
    publisher.awaitMoreAcknowledged(30, WAIT);
    redis.start();
    Await.until(() -> nodes().stream().allMatch(NodeProcess::busConnected), WAIT, "every node's bus to reconnect");
    publisher.awaitMoreAcknowledged(30, WAIT);
    assertThat(cluster.busLength()).as("nodes append to the new Redis's stream").isPositive();
    publisher.stop();

    List<String> log = assertLogHoldsEveryAcknowledgedPublish();
    assertThat(publisher.notAcknowledged()).as("no publish fails for want of Redis").isEmpty();
    assertEveryReaderHoldsExactly(log);
    assertThat(readers).as("no reader had to reconnect").allSatisfy(r -> assertThat(r.streams()).isEqualTo(1));
  }

  @Test
  @Order(2)
  void aRollingRestartUnderASteadyPublishRateMovesReadersOverWithEveryEventOnceInOrder() {
    publisher = SteadyPublisher.start(nodes(), topic, GAP);
    publisher.awaitMoreAcknowledged(20, WAIT);
    for (NodeProcess node : nodes()) {
      node.stop(); // SIGTERM: its readers get a retry: hint and the stream ends
      publisher.awaitMoreAcknowledged(10, WAIT);
      node.restart(); // and waits for /healthz before the next, as deploy/cluster restart does
      publisher.awaitMoreAcknowledged(10, WAIT);
    }
    publisher.stop();

    List<String> log = assertLogHoldsEveryAcknowledgedPublish();
    assertEveryReaderHoldsExactly(log);
    assertThat(readers).as("every reader was told to reconnect, and did").allSatisfy(r -> {
      assertThat(r.retryHints()).isPositive();
      assertThat(r.streams()).isGreaterThan(1);
    });
  }

  @Test
  @Order(3)
  void aNodeKilledUnderASteadyPublishRateLeavesEveryReaderWithEveryEventOnceInOrder() {
    NodeProcess victim = cluster.node(2);
    publisher = SteadyPublisher.start(nodes(), topic, GAP);
    publisher.awaitMoreAcknowledged(30, WAIT);

    victim.kill();
    publisher.awaitMoreAcknowledged(60, WAIT);
    publisher.stop();

    List<String> log = assertLogHoldsEveryAcknowledgedPublish();
    assertEveryReaderHoldsExactly(log);
    for (FailoverReader r : readersFirstOn(2)) assertThat(r.streams()).as("a reader of the killed node moved").isGreaterThan(1);
  }

  private static List<NodeProcess> nodes() {
    return cluster.nodes();
  }

  private List<FailoverReader> readersFirstOn(int node) {
    var on = new ArrayList<FailoverReader>();
    for (int i = 0; i < readers.size(); i++) if (i % nodes().size() == node) on.add(readers.get(i));
    return on;
  }

  /**
   * The log's events on this test's topic: every acknowledged publish among them, and nothing else
   * but publishes that got no answer (committed, but their node died before it answered).
   */
  private List<String> assertLogHoldsEveryAcknowledgedPublish() {
    List<String> log = cluster.database().eventIds(topic);
    assertThat(log).as("every acknowledged publish is in the log").containsAll(publisher.acknowledged());
    assertThat(log.size()).as("the log holds no publish that was not sent (unanswered: %s)", publisher.notAcknowledged())
        .isLessThanOrEqualTo(publisher.acknowledged().size() + publisher.notAcknowledged().size());
    return log;
  }

  private void assertEveryReaderHoldsExactly(List<String> log) {
    for (FailoverReader r : readers) r.awaitAtLeast(log.size(), WAIT);
    assertThat(readers).as("every reader holds the log's events, each once, in order")
        .allSatisfy(r -> assertThat(r.ids()).containsExactlyElementsOf(log));
  }
}
