package newsdesk.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import newsdesk.testing.Await;
import newsdesk.testing.CapturedLogs;
import newsdesk.testing.RawWebSocket;
import newsdesk.testing.TestServer;
import newsdesk.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames that break RFC 6455 close the socket with the code §7.4.1 gives the fault — 1009 for too
 * big, 1007 for text that is not UTF-8, 1002 for the rest — never 1011, which says the server
 * failed; nothing is logged as a fault of ours and the server goes on serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketFramingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int MAX = 1024;

  @TempDir static Path dir;
  private TestServer server;
  private CapturedLogs logs;

  @BeforeAll
  void start() {
    server = TestServer.start(dir, Map.of("ws.max-frame-bytes", Integer.toString(MAX)));
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  @BeforeEach
  void captureLogs() {
    logs = CapturedLogs.start();
  }

  @AfterEach
  void everySocketIsReleasedAndTheServerStillServes() {
    Await.until(() -> server.app().webSockets().openConnections() == 0, WAIT, "every socket is released");
    try (var ws = WsClient.connect(server.baseUrl())) {
      ws.send("{\"type\":\"ping\"}");
      assertThat(ws.next(WAIT).get("type").asText()).isEqualTo("pong");
    }
    logs.close();
    assertThat(logs.serverFaults()).as("a client's broken frames logged as a server fault").isEmpty();
  }

  private int closeCodeAfter(byte[]... frames) {
    try (var ws = RawWebSocket.open(server.app().port())) {
      for (byte[] f : frames) ws.send(f);
      return ws.awaitCloseCode(WAIT);
    }
  }

  private static byte[] bytes(int n) {
    return "x".repeat(n).getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void aFrameOverTheLimitIsTooBig() {
    assertThat(closeCodeAfter(RawWebSocket.frame(0x80, RawWebSocket.TEXT, true, bytes(MAX + 1)))).isEqualTo(1009);
  }

  @Test
  void aMessageOverTheLimitInSmallFragmentsIsTooBig() {
    byte[] first = RawWebSocket.frame(0x00, RawWebSocket.TEXT, true, bytes(600));
    byte[] last = RawWebSocket.frame(0x80, RawWebSocket.CONTINUATION, true, bytes(600));
    assertThat(closeCodeAfter(first, last)).isEqualTo(1009);
  }

  @Test
  void textThatIsNotUtf8IsInconsistentData() {
    byte[] broken = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThat(closeCodeAfter(RawWebSocket.frame(0x80, RawWebSocket.TEXT, true, broken))).isEqualTo(1007);
  }

  @Test
  void framesThatBreakTheProtocolAreProtocolErrors() {
    byte[] ping = "{\"type\":\"ping\"}".getBytes(StandardCharsets.US_ASCII);
    assertThat(closeCodeAfter(RawWebSocket.frame(0x80, RawWebSocket.TEXT, false, ping))).as("unmasked").isEqualTo(1002);
    assertThat(closeCodeAfter(RawWebSocket.frame(0x80, 0x3, true, ping))).as("reserved opcode").isEqualTo(1002);
    assertThat(closeCodeAfter(RawWebSocket.frame(0xC0, RawWebSocket.TEXT, true, ping))).as("RSV1 unnegotiated")
        .isEqualTo(1002);
    assertThat(closeCodeAfter(RawWebSocket.frame(0x80, RawWebSocket.PING, true, bytes(126))))
        .as("a control frame over 125 bytes").isEqualTo(1002);
    assertThat(closeCodeAfter(RawWebSocket.frame(0x00, RawWebSocket.PING, true, bytes(4))))
        .as("a fragmented control frame").isEqualTo(1002);
    assertThat(closeCodeAfter(RawWebSocket.frame(0x80, RawWebSocket.CONTINUATION, true, ping)))
        .as("a continuation with nothing to continue").isEqualTo(1002);
    byte[] started = RawWebSocket.frame(0x00, RawWebSocket.TEXT, true, bytes(4));
    assertThat(closeCodeAfter(started, RawWebSocket.frame(0x80, RawWebSocket.TEXT, true, ping)))
        .as("a new message inside a fragmented one").isEqualTo(1002);
    assertThat(closeCodeAfter(RawWebSocket.frame(0x80, RawWebSocket.CLOSE, true, new byte[] {3})))
        .as("a close frame with a one-byte body").isEqualTo(1002);
  }

  @Test
  void aCleanCloseIsEchoedWithItsCode() {
    assertThat(closeCodeAfter(RawWebSocket.frame(0x80, RawWebSocket.CLOSE, true, new byte[] {0x03, (byte) 0xE8})))
        .isEqualTo(1000);
  }
}
