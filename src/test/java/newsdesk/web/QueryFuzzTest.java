package newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import newsdesk.testing.Jwts;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of query decoding on a real server: any query string on the SSE, Mercure
 * and API addresses is answered below 500, and a refusal carries a problem body. The query is
 * written as sent, byte for byte, except that bytes HTTP forbids in a request line are
 * percent-encoded (framing is another target's concern). Input: a first byte choosing the address,
 * then the query. Seeds in QueryFuzzTestInputs/queriesAreAnsweredWithoutFault/.
 */
@Tag("fuzz")
class QueryFuzzTest {
  private static final List<String> PATHS = List.of("/events", "/.well-known/mercure", "/api/v1/stories", "/", "/ws");
  private static Path dir;
  private static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("query-fuzz");
    server = TestServer.start(dir, Map.of("mercure.publisher-key", Jwts.PUBLISHER_KEY,
        "mercure.subscriber-key", Jwts.SUBSCRIBER_KEY));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @FuzzTest(maxDuration = "30s")
  void queriesAreAnsweredWithoutFault(byte[] input) throws IOException {
    if (input.length == 0) return;
    String path = PATHS.get(Byte.toUnsignedInt(input[0]) % PATHS.size());
    var query = new StringBuilder();
    for (int i = 1; i < input.length; i++) {
      int b = Byte.toUnsignedInt(input[i]);
      if (b > 0x20 && b < 0x7F && b != '#') query.append((char) b);
      else query.append('%').append(String.format("%02X", b));
    }
    String target = path + "?" + query;
    int port = java.net.URI.create(server.baseUrl()).getPort();
    // Jazzer's SSRF detector would report the connection the target exists to make.
    try (var allowed = BugDetectors.allowNetworkConnections((host, p) -> p == port);
        var socket = new Socket("127.0.0.1", port)) {
      socket.setSoLinger(true, 0); // no TIME_WAIT left behind per input
      socket.setSoTimeout(20_000);
      String auth = path.startsWith("/api/") ? "Authorization: Bearer " + server.editorToken() + "\r\n" : "";
      socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String status = in.readLine();
      assertThat(status).as(target).isNotNull().startsWith("HTTP/1.1 ");
      int code = Integer.parseInt(status.substring(9, 12));
      assertThat(code).as("%s answered %s", target, status).isBetween(200, 499);
      String contentType = "";
      for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
        if (h.regionMatches(true, 0, "Content-Type:", 0, 13)) contentType = h.substring(13).trim();
      }
      if (code >= 400) assertThat(contentType).as("%s answered %s", target, status).startsWith("application/problem+json");
    }
  }
}
