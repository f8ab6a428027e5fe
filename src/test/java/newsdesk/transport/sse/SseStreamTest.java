package newsdesk.transport.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsdesk.testing.Await;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSE stream's headers, heartbeats, slow-reader cut-off and graceful shutdown. */
class SseStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  TestServer server;

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private void liveBlog(String slug) {
    var res = server.editor("POST", "/api/v1/stories",
        "{\"slug\":\"" + slug + "\",\"headline\":\"Live\",\"section\":\"news\",\"kind\":\"live\",\"status\":\"published\"}");
    assertThat(res.statusCode()).isEqualTo(201);
  }

  @Test
  void streamCarriesTheHeadersProxiesAndBrowsersNeed() {
    server = TestServer.start(dir);
    try (var client = SseClient.connect(server.baseUrl(), null, server.storyUrl("x"))) {
      var h = client.response().headers();
      assertThat(client.response().statusCode()).isEqualTo(200);
      assertThat(h.firstValue("Content-Type")).hasValue("text/event-stream");
      assertThat(h.firstValue("Cache-Control")).hasValue("no-cache");
      assertThat(h.firstValue("X-Accel-Buffering")).hasValue("no");
    }
  }

  @Test
  void missingTopicIsABadRequestProblem() {
    server = TestServer.start(dir);
    var res = server.send("GET", "/events", null, null);
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(res.body()).contains("\"field\":\"topic\"").contains("\"status\":400");
  }

  @Test
  void aTopicTemplateOverTheCapsIsABadRequestProblem() {
    server = TestServer.start(dir);
    String template = java.net.URLEncoder.encode("https://example.com/" + "{v}".repeat(17),
        java.nio.charset.StandardCharsets.UTF_8);
    var res = server.send("GET", "/events?topic=" + template, null, null);
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(res.body()).contains("\"field\":\"topic\"").contains("at most 16 variables");
  }

  @Test
  void idleStreamGetsHeartbeatComments() {
    server = TestServer.start(dir, Map.of("heartbeat-seconds", "1"));
    try (var client = SseClient.connect(server.baseUrl(), null, server.storyUrl("quiet"))) {
      Await.until(() -> client.comments().stream().filter(":"::equals).count() >= 2, WAIT, "two heartbeats arrive");
    }
  }

  @Test
  void aStreamThatKeepsReceivingEventsIsSparedTheHeartbeat() throws Exception {
    server = TestServer.start(dir, Map.of("heartbeat-seconds", "1"));
    liveBlog("busy");
    try (var quiet = SseClient.connect(server.baseUrl(), null, server.storyUrl("quiet"));
        var busy = SseClient.connect(server.baseUrl(), null, server.storyUrl("busy"))) {
      // An entry every 200 ms (a pace, not a wait) while the quiet stream collects three beats.
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (quiet.comments().stream().filter(":"::equals).count() < 3 && System.nanoTime() < deadline) {
        assertThat(server.editor("POST", "/api/v1/stories/busy/entries", "{\"body\":\"tick\"}").statusCode()).isEqualTo(201);
        Thread.sleep(200);
      }
      assertThat(quiet.comments().stream().filter(":"::equals).count()).isGreaterThanOrEqualTo(3);
      // Every beat found the busy stream had just spoken; one is allowed for a stalled machine.
      assertThat(busy.comments().stream().filter(":"::equals).count()).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void aReaderThatStopsReadingIsCutOffWhileOthersKeepReceiving() throws Exception {
    server = TestServer.start(dir, Map.of("sse.max-buffer-bytes", "65536"));
    liveBlog("flood");
    String topic = URLEncoder.encode(server.storyUrl("flood"), StandardCharsets.UTF_8);
    try (var stalled = new Socket();
        var healthy = SseClient.connect(server.baseUrl(), null, server.storyUrl("flood"))) {
      stalled.setReceiveBufferSize(4096);
      stalled.connect(new InetSocketAddress("127.0.0.1", server.app().port()));
      stalled.getOutputStream().write(("GET /events?topic=" + topic + " HTTP/1.1\r\nHost: x\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      Await.until(() -> server.app().sse().openConnections() == 2, WAIT, "both subscribers are connected");

      String big = "x".repeat(60_000);
      int sent = 0;
      while (server.app().sse().openConnections() > 1 && sent < 400) {
        var res = server.editor("POST", "/api/v1/stories/flood/entries", "{\"body\":\"" + big + "\"}");
        assertThat(res.statusCode()).isEqualTo(201);
        sent++;
      }
      assertThat(server.app().sse().openConnections()).as("the stalled reader was cut off").isEqualTo(1);
      for (int i = 0; i < sent; i++) assertThat(healthy.next(WAIT).event()).isEqualTo("entry.added");
      var metrics = server.send("GET", "/metrics", null, null).body();
      assertThat(metrics).containsPattern("newsdesk_connections_overflowed_total\\{[^}]*\\} [1-9]");
    }
  }

  /**
   * Events bigger than what a socket takes in one send (loopback: one 64 kB segment when its buffer
   * is short) are only partly taken; the rest
   * must queue behind and go out whole, in order, before anything later (the direct send to an
   * idle socket must never overtake what is queued).
   */
  @Test
  void aReaderBehindButWithinItsBufferGetsEveryEventWholeAndInOrder() throws Exception {
    server = TestServer.start(dir, Map.of("sse.max-buffer-bytes", String.valueOf(32 << 20)));
    liveBlog("catch-up");
    String topic = URLEncoder.encode(server.storyUrl("catch-up"), StandardCharsets.UTF_8);
    try (var slow = new Socket()) {
      slow.setReceiveBufferSize(4096);
      slow.connect(new InetSocketAddress("127.0.0.1", server.app().port()));
      slow.getOutputStream().write(("GET /events?topic=" + topic + " HTTP/1.1\r\nHost: x\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      Await.until(() -> server.app().sse().openConnections() == 1, WAIT, "the subscriber is connected");
      int count = 100;
      for (int i = 0; i < count; i++) {
        String body = "m" + i + "-" + "x".repeat(60_000);
        var res = server.editor("POST", "/api/v1/stories/catch-up/entries", "{\"body\":\"" + body + "\"}");
        assertThat(res.statusCode()).isEqualTo(201);
      }
      var events = entriesAdded(slow, count);
      for (int i = 0; i < count; i++) {
        assertThat(events.get(i).contains("m" + i + "-" + "x".repeat(60_000))).as("event %d, whole and in order", i).isTrue();
      }
      assertThat(server.app().sse().openConnections()).as("never cut off").isEqualTo(1);
    }
  }

  /**
   * History larger than the reader's buffer bound goes out a write at a time as the reader takes it
   * in: all of it, whole and in order, and the reader is never cut off as a slow one.
   */
  @Test
  void aResumingReaderSlowerThanItsHistoryGetsItAllInOrderAndIsNeverCutOff() throws Exception {
    server = TestServer.start(dir, Map.of("sse.max-buffer-bytes", "65536"));
    liveBlog("history");
    String topic = URLEncoder.encode(server.storyUrl("history"), StandardCharsets.UTF_8);
    String before = Long.toString(server.app().store().lastSeq());
    int count = 120;
    for (int i = 0; i < count; i++) {
      String body = "h" + i + "-" + "x".repeat(i % 2 == 0 ? 20_000 : 50);
      var res = server.editor("POST", "/api/v1/stories/history/entries", "{\"body\":\"" + body + "\"}");
      assertThat(res.statusCode()).isEqualTo(201);
    }
    try (var slow = new Socket()) {
      slow.setReceiveBufferSize(4096);
      slow.connect(new InetSocketAddress("127.0.0.1", server.app().port()));
      slow.getOutputStream().write(("GET /events?topic=" + topic + " HTTP/1.1\r\nHost: x\r\nLast-Event-ID: " + before
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      var events = entriesAdded(slow, count);
      for (int i = 0; i < count; i++) {
        assertThat(events.get(i)).as("event %d, whole and in order", i)
            .containsPattern("h" + i + "-x{" + (i % 2 == 0 ? 20_000 : 50) + "}[^x]");
      }
      assertThat(server.app().sse().openConnections()).as("never cut off").isEqualTo(1);
    }
  }

  /** Reads a raw SSE response's head, then chunks until {@code count} entry.added events: each chunk one whole SSE block. */
  private static List<String> entriesAdded(Socket socket, int count) throws IOException {
    socket.setSoTimeout((int) WAIT.toMillis());
    var in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    while (!readLine(in).isEmpty()) {} // the response head
    var events = new ArrayList<String>();
    while (events.size() < count) {
      int size = Integer.parseInt(readLine(in), 16);
      byte[] chunk = new byte[size];
      in.readFully(chunk);
      assertThat(readLine(in).isEmpty()).as("a chunk ends where its size says").isTrue();
      String event = new String(chunk, StandardCharsets.UTF_8);
      assertThat(event).as("one whole SSE block per chunk").endsWith("\n\n");
      if (event.contains("event: entry.added")) events.add(event);
    }
    return events;
  }

  private static String readLine(DataInputStream in) throws IOException {
    var line = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) throw new EOFException("stream ended mid-line");
      if (c != '\r') line.append((char) c);
    }
    return line.toString();
  }

  @Test
  void shutdownTellsClientsToRetrySoonAndEndsTheirStreams() {
    server = TestServer.start(dir, Map.of("shutdown.retry-ms", "1500"));
    var client = SseClient.connect(server.baseUrl(), null, server.storyUrl("bye"));
    Await.until(() -> server.app().sse().openConnections() == 1, WAIT, "the subscriber is connected");
    server.close();
    server = null;
    var m = client.next(WAIT);
    assertThat(m.event()).isEqualTo("retry");
    assertThat(m.data()).isEqualTo("1500");
    assertThat(client.awaitEnd(WAIT)).isTrue();
    client.close();
  }
}
