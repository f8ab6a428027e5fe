package newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import newsdesk.store.Role;
import newsdesk.testing.NginxFront;
import newsdesk.testing.NodeProcess;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the front of {@code deploy/} promises the nodes behind it, checked on real nginx: a dead
 * node is skipped, a publish that reached a node is never sent to another, and each reader behind
 * it keeps a connection limit of its own.
 */
class FrontProxyTest {
  @TempDir static Path shared;
  @TempDir Path dir;
  private static NodeProcess node;
  private static String token;
  private NginxFront front;

  @BeforeAll
  static void startNode() throws IOException {
    NginxFront.assumeInstalled();
    Path config = Files.writeString(shared.resolve("newsdesk.properties"), "limits.connections-per-client=1\n");
    node = NodeProcess.start(shared.resolve("node"), null, List.of("--config", config.toString(),
        "--no-sample-content", "--trusted-proxies", "127.0.0.1"));
    token = node.createToken(Role.EDITOR);
  }

  @AfterAll
  static void stopNode() {
    if (node != null) node.close();
  }

  @AfterEach
  void stopFront() {
    if (front != null) front.close();
  }

  @Test
  void readsSkipANodeThatIsDown() {
    front = NginxFront.start(dir, NginxFront.choosePort(), List.of("127.0.0.1:" + TestServer.freePort(), node.address()));
    for (int i = 0; i < 6; i++) {
      var res = front.send("GET", "/healthz", null, null);
      assertThat(res.statusCode()).as("request %d", i + 1).isEqualTo(200);
    }
  }

  @Test
  void aPublishThatReachedANodeIsNeverSentToAnother() throws IOException {
    try (var broken = new DroppingUpstream()) {
      front = NginxFront.start(dir, NginxFront.choosePort(), List.of(broken.address(), node.address()));
      int dropped = 0;
      for (int i = 0; i < 6; i++) {
        String slug = "retry-check-" + i;
        int before = broken.requests();
        var res = front.send("POST", "/api/v1/stories",
            "{\"slug\":\"" + slug + "\",\"headline\":\"Retry check\",\"section\":\"city\",\"status\":\"published\"}", token);
        boolean reachedBroken = broken.requests() > before;
        var onNode = onNode("/api/v1/stories/" + slug); // straight to the node: nothing else touches the front
        if (reachedBroken) {
          dropped++;
          assertThat(res.statusCode()).as("a publish lost at a node: its fate is unknown, so it is not resent").isEqualTo(502);
          assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
          assertThat(onNode.statusCode()).as("not created by another node").isEqualTo(404);
        } else {
          assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
          assertThat(onNode.statusCode()).isEqualTo(200);
        }
      }
      assertThat(dropped).as("the front tried the broken node").isPositive();
      // Reads, which may be repeated, go on to the next node instead.
      for (int i = 0; i < 4; i++) assertThat(front.send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void eachReaderBehindTheFrontHasItsOwnConnectionLimit() throws Exception {
    front = NginxFront.start(dir, NginxFront.choosePort(), List.of(node.address()));
    HttpClient first = front.client(InetAddress.getByName("127.0.0.2"));
    HttpClient second = front.client(InetAddress.getByName("127.0.0.3"));
    var open = new ArrayList<InputStream>();
    try {
      var a = stream(first);
      open.add(a.body());
      var b = stream(second);
      open.add(b.body());
      assertThat(a.statusCode()).isEqualTo(200);
      assertThat(b.statusCode()).as("another reader, the same front address").isEqualTo(200);
      var again = stream(first);
      open.add(again.body());
      assertThat(again.statusCode()).as("the first reader's second stream, past its limit of 1").isEqualTo(429);
    } finally {
      for (InputStream in : open) in.close();
    }
  }

  private static HttpResponse<String> onNode(String path) throws IOException {
    try {
      return TestServer.http().send(TestServer.request("GET", node.baseUrl() + path, null, token), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private HttpResponse<InputStream> stream(HttpClient client) throws IOException, InterruptedException {
    String topic = URLEncoder.encode(front.baseUrl() + "/", StandardCharsets.UTF_8);
    var req = HttpRequest.newBuilder(URI.create(front.baseUrl() + "/events?topic=" + topic))
        .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).build();
    return client.send(req, HttpResponse.BodyHandlers.ofInputStream());
  }

  /** An upstream that takes each request and drops the connection without answering, like a node dying mid-request. */
  private static final class DroppingUpstream implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger requests = new AtomicInteger();

    DroppingUpstream() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(this::serve);
    }

    private void serve() {
      while (!socket.isClosed()) {
        try (Socket s = socket.accept()) {
          // The whole head has arrived once a blank line ends it; the body (if any) follows.
          var head = new StringBuilder();
          InputStream in = s.getInputStream();
          int c;
          while (!head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0) head.append((char) c);
          requests.incrementAndGet();
        } catch (IOException e) {
          if (socket.isClosed()) return;
        }
      }
    }

    String address() {
      return "127.0.0.1:" + socket.getLocalPort();
    }

    int requests() {
      return requests.get();
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
