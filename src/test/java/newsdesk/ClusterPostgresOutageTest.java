package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import newsdesk.testing.Await;
import newsdesk.testing.Cluster;
import newsdesk.testing.MercurePublisher;
import newsdesk.testing.NodeProcess;
import newsdesk.testing.PostgresDatabase;
import newsdesk.testing.SseClient;
import newsdesk.testing.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL taken away from three running node processes at once (through a proxy the test cuts,
 * as the database stopping looks to them), and back: every node answers a publish with a 503
 * problem within 2 s, every live reader stays connected, and afterwards every node publishes
 * again and every reader gets what is published, with nothing refused ever committed.
 */
class ClusterPostgresOutageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PROMPT = Duration.ofSeconds(2);
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void everyNodeAnswers503PromptlyWhilePostgresIsAwayReadersStayAndAllWorksWhenItIsBack() throws Exception {
    String topic = "https://news.test/outage/" + UUID.randomUUID();
    var flags = new ArrayList<>(MercurePublisher.NODE_FLAGS);
    flags.addAll(List.of("--heartbeat-seconds", "1"));
    try (var proxy = TcpProxy.start("127.0.0.1", 5432);
        var cluster = Cluster.start(dir, 3, Cluster.LOCAL_REDIS, null, flags,
            url -> url.replace(PostgresDatabase.SERVER, "127.0.0.1:" + proxy.port()))) {
      List<NodeProcess> nodes = cluster.nodes();
      var readers = new ArrayList<SseClient>();
      try {
        for (NodeProcess n : nodes) readers.add(SseClient.connect(n.baseUrl(), null, topic));
        String before = MercurePublisher.publish(nodes.get(0).baseUrl(), topic);
        for (SseClient r : readers) assertThat(r.next(WAIT).id()).isEqualTo(before);

        proxy.cut(TcpProxy.Cut.REFUSE);
        for (NodeProcess n : nodes) assertUnavailableWithinTwoSeconds(n, topic);
        // Every reader stays: its stream goes on with heartbeats, and its node still counts it.
        for (SseClient r : readers) {
          int heartbeats = r.comments().size();
          Await.until(() -> r.comments().size() >= heartbeats + 2, WAIT, "two more heartbeats while the store is away");
          assertThat(r.ended()).isFalse();
        }
        for (NodeProcess n : nodes) assertThat(n.openSseConnections()).isEqualTo(1);

        proxy.restore();
        for (NodeProcess n : nodes) {
          Await.until(() -> healthz(n) == 200, WAIT, "node on port " + n.port() + " says the store is back");
        }
        var after = new ArrayList<String>();
        for (NodeProcess n : nodes) after.add(MercurePublisher.publish(n.baseUrl(), topic));
        // Nothing refused was committed: each reader's next events are exactly those published after.
        for (SseClient r : readers) {
          var got = new ArrayList<String>();
          for (int i = 0; i < after.size(); i++) got.add(r.next(WAIT).id());
          assertThat(got).containsExactlyElementsOf(after);
        }
        var logged = new ArrayList<>(List.of(before));
        logged.addAll(after);
        assertThat(cluster.database().eventIds(topic)).containsExactlyElementsOf(logged);
      } finally {
        readers.forEach(SseClient::close);
      }
    }
  }

  private static void assertUnavailableWithinTwoSeconds(NodeProcess node, String topic) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> res;
    try {
      res = MercurePublisher.post(node.baseUrl(), topic, "refused");
    } catch (IOException noAnswer) {
      // Says what the client saw and what the node logged, so a rare failure can be read from CI's output.
      throw new AssertionError("no answer from the node on port " + node.port() + " after "
          + Duration.ofNanos(System.nanoTime() - start) + " (" + noAnswer + "); its log ends:\n"
          + node.logTail(), noAnswer);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).as("node on port %d answered in %s", node.port(), took).isLessThan(PROMPT);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(503);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(res.body()).path("type").asText()).isEqualTo("/problems/unavailable");
  }

  private static int healthz(NodeProcess node) {
    try {
      return newsdesk.testing.TestServer.exchange(newsdesk.testing.TestServer.request("GET", node.baseUrl() + "/healthz",
          null, null)).statusCode();
    } catch (IllegalStateException refused) {
      return 0;
    }
  }
}
