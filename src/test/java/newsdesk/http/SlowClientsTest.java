package newsdesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsdesk.testing.Await;
import newsdesk.testing.RawHttp;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import newsdesk.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients are cut off on time and a full server says so: the header and body timeouts
 * (short here) close slowloris connections, streams already open are left alone, and past
 * {@code limits.max-connections} a request gets a 503 problem until a connection closes.
 */
class SlowClientsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private TestServer server;
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) s.close();
    if (server != null) server.close();
  }

  private Socket connect() throws IOException {
    var s = new Socket("127.0.0.1", server.app().port());
    s.setSoTimeout(1);
    sockets.add(s);
    return s;
  }

  /** Whether the server has closed {@code s}: a read sees the end, or a write fails. */
  private static boolean closedByServer(Socket s) {
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private String metrics() {
    return server.send("GET", "/metrics", null, null).body();
  }

  @Test
  void clientsTricklingTheirHeadersAreCutOffWhileStreamsAlreadyOpenStay() throws Exception {
    server = TestServer.start(dir, Map.of("limits.header-timeout-seconds", "1", "limits.body-timeout-seconds", "1"));
    String topic = server.baseUrl() + "/";
    try (var sse = SseClient.connect(server.baseUrl(), null, topic);
        var ws = WsClient.connect(server.baseUrl())) {
      ws.subscribe("s", null, topic);
      int slow = 200;
      List<Socket> trickling = new ArrayList<>();
      for (int i = 0; i < slow; i++) trickling.add(connect());
      byte[] head = "GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
      long deadline = System.nanoTime() + WAIT.toNanos();
      int sent = 0;
      // One byte to each open socket per round: a slowloris never finishes its head.
      while (trickling.stream().anyMatch(s -> !s.isClosed() && !closedByServer(s)) && System.nanoTime() < deadline) {
        for (Socket s : trickling) {
          try {
            s.getOutputStream().write(sent < head.length ? head[sent] : 'x');
          } catch (IOException closed) {
            s.close();
          }
        }
        sent++;
        Thread.sleep(50); // the client's trickle pace, not a wait for the server
      }
      assertThat(trickling).as("every trickling client was cut off within %s", WAIT)
          .allMatch(s -> s.isClosed() || closedByServer(s));
      assertThat(metrics()).containsPattern("newsdesk_http_requests_timed_out_total\\{phase=\"headers\"} ([2-9]\\d\\d|\\d{4,})");

      // The SSE stream and the WebSocket opened before are older than both timeouts, and live.
      var created = server.editor("POST", "/api/v1/stories",
          "{\"headline\":\"Still here\",\"section\":\"world\",\"status\":\"published\",\"body\":\"x\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(sse.next(WAIT)).as("the SSE stream got the publish").isNotNull();
      assertThat(ws.nextEvent(WAIT).get("topics").toString()).contains(topic);
    }
  }

  @Test
  void aBodyThatTricklesGetsA408Problem() throws Exception {
    server = TestServer.start(dir, Map.of("limits.body-timeout-seconds", "1"));
    Socket s = connect();
    s.setSoTimeout(20_000);
    s.getOutputStream().write(("POST /api/v1/stories HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + server.editorToken() + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"headl")
        .getBytes(StandardCharsets.US_ASCII));
    var r = RawHttp.parse(RawHttp.readAll(s.getInputStream()));
    assertThat(r.status()).isEqualTo(408);
    assertThat(r.isProblem()).isTrue();
    assertThat(r.json().path("type").asText()).isEqualTo("/problems/request-timeout");
    assertThat(metrics()).containsPattern("newsdesk_http_requests_timed_out_total\\{phase=\"body\"} 1\\.0");
    assertThat(server.editor("GET", "/api/v1/stories", null).body()).as("nothing half-sent was created")
        .doesNotContain("headl");
  }

  @Test
  void pastTheConnectionCapARequestGetsA503ProblemUntilOneCloses() throws Exception {
    int cap = 5;
    server = TestServer.start(dir, Map.of("limits.max-connections", Integer.toString(cap)));
    var connections = server.app().httpConnections();
    Await.until(() -> connections.open() == 0, WAIT, "no connection is open");
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < cap; i++) held.add(connect());
    Await.until(() -> connections.open() == cap, WAIT, "the server holds " + cap + " connections");

    var refused = RawHttp.exchange(server.app().port(), "GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.isProblem()).isTrue();
    assertThat(refused.json().path("type").asText()).isEqualTo("/problems/at-capacity");
    assertThat(refused.header("Retry-After")).isNotNull();

    held.get(0).close();
    Await.until(() -> connections.open() < cap, WAIT, "a held connection is released");
    var served = RawHttp.exchange(server.app().port(), "GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(served.status()).isEqualTo(200);
    for (Socket s : held) s.close();
    Await.until(() -> connections.open() == 0, WAIT, "every connection is released");
    assertThat(metrics()).containsPattern("newsdesk_http_connections_rejected_total 1\\.0");
  }
}
