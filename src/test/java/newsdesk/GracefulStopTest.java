package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import newsdesk.testing.Await;
import newsdesk.testing.Cluster;
import newsdesk.testing.FailoverReader;
import newsdesk.testing.Jwts;
import newsdesk.testing.MercurePublisher;
import newsdesk.testing.NodeProcess;
import newsdesk.testing.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node told to stop (SIGTERM) goes in the order that sends its readers elsewhere: it stops
 * listening first, then tells its readers to reconnect and closes their streams, then lets the
 * requests it was running finish, then exits. Two nodes as separate processes on one PostgreSQL
 * database and one Redis stream.
 */
class GracefulStopTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path dir;
  private static Cluster cluster;

  @BeforeAll
  static void startNodes() {
    cluster = Cluster.start(dir, 2, Cluster.LOCAL_REDIS, null, MercurePublisher.NODE_FLAGS);
  }

  @AfterAll
  static void stopNodes() {
    if (cluster != null) cluster.close();
  }

  @Test
  void aStoppingNodeRefusesNewConnectionsMovesItsReadersAndFinishesTheRequestItWasRunning() throws IOException {
    NodeProcess a = cluster.node(0);
    NodeProcess b = cluster.node(1);
    String topic = "https://news.test/stop/" + UUID.randomUUID();
    try (var reader = FailoverReader.open(cluster.nodes(), 0, topic); var inFlight = new PartialPublish(a, topic);
        var onA = SseClient.connect(a.baseUrl(), null, topic)) {
      String before = MercurePublisher.publish(b.baseUrl(), topic);
      reader.awaitAtLeast(1, WAIT);
      assertThat(onA.next(WAIT).id()).isEqualTo(before);

      inFlight.start(); // a publish on A whose body has not all arrived: a request A is running
      a.terminate();

      // A reader that comes straight back to A, as a browser with no front would, finds it closed.
      assertThat(onA.next(WAIT).retry()).as("A tells its reader to retry").isEqualTo("1000");
      assertThat(onA.awaitEnd(WAIT)).as("A ends its stream").isTrue();
      assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", a.port()), 2000))
          .as("a new connection to A once it has ended its streams").isInstanceOf(ConnectException.class);

      Await.until(() -> reader.node() == 1 && reader.streams() == 2, WAIT,
          "the reader on A to be told to retry and to reconnect to B");
      assertThat(reader.retryHints()).as("A told its reader to retry").isEqualTo(1);
      assertThat(a.isAlive()).as("A still runs (finishing its request): refused while stopping, not gone").isTrue();

      String answer = inFlight.finish();
      assertThat(answer).as("the publish A was running is answered").startsWith("HTTP/1.1 200");
      a.awaitExit();

      String after = MercurePublisher.publish(b.baseUrl(), topic);
      reader.awaitAtLeast(3, WAIT);
      assertThat(reader.ids()).hasSize(3).startsWith(before).endsWith(after).doesNotHaveDuplicates();
      assertThat(cluster.database().eventIds(topic)).containsExactlyElementsOf(reader.ids());
    }
  }

  /**
   * A Mercure publish sent in two parts over one raw connection: the head and half the body, then
   * the rest. Before the head, a {@code GET /livez} goes in the same write, and its answer is read:
   * by then the node has read the publish's head too and is running it.
   */
  private static final class PartialPublish implements AutoCloseable {
    private final Socket socket = new Socket();
    private final NodeProcess node;
    private final byte[] body;
    private InputStream in;
    private OutputStream out;

    PartialPublish(NodeProcess node, String topic) {
      this.node = node;
      this.body = ("topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8) + "&data=in-flight")
          .getBytes(StandardCharsets.US_ASCII);
    }

    void start() throws IOException {
      socket.connect(new InetSocketAddress("127.0.0.1", node.port()), 5000);
      socket.setSoTimeout((int) WAIT.toMillis());
      in = socket.getInputStream();
      out = socket.getOutputStream();
      String head = "GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
          + "POST /.well-known/mercure HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Authorization: Bearer " + Jwts.publisher(List.of("*")) + "\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, body.length / 2);
      out.flush();
      String livez = readResponse();
      assertThat(livez).startsWith("HTTP/1.1 200");
    }

    /** Sends the rest of the body; the node's answer, head and body. */
    String finish() throws IOException {
      out.write(body, body.length / 2, body.length - body.length / 2);
      out.flush();
      return readResponse();
    }

    /** One response with a Content-Length body. */
    private String readResponse() throws IOException {
      var head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) throw new IOException("connection closed after: " + head);
        head.append((char) c);
      }
      int length = 0;
      for (String line : head.toString().split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
