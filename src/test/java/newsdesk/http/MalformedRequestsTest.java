package newsdesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import newsdesk.testing.CapturedLogs;
import newsdesk.testing.RawHttp;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever bytes a client sends, the answer is a 4xx problem (or a closed connection where no
 * answer can be placed), never a 5xx; the server logs no fault of its own and goes on serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsTest {
  /** An address on each family of routes: pages, assets, API, SSE, Mercure, WebSocket, push, operators, none. */
  private static final List<String> EVERY_ROUTE_FAMILY = List.of("/", "/stories/x", "/sections/world",
      "/reader-templates.html", "/assets/reader.js", "/api/v1/stories", "/api/v1/nothing", "/events",
      "/.well-known/mercure", "/ws", "/push/key", "/push/subscriptions", "/sw.js", "/livez", "/healthz", "/metrics",
      "/no/such/address");

  @TempDir static Path dir;
  private TestServer server;
  private CapturedLogs logs;

  @BeforeAll
  void start() {
    server = TestServer.start(dir);
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  @AfterEach
  void serverIsStillServingAndLoggedNoFaultOfItsOwn() {
    assertThat(server.send("GET", "/livez", null, null).statusCode()).isEqualTo(200);
    if (logs != null) {
      logs.close();
      var faults = logs.serverFaults();
      logs = null;
      assertThat(faults).as("client input logged as a server fault").isEmpty();
    }
  }

  private RawHttp.Response send(String request) {
    if (logs == null) logs = CapturedLogs.start();
    return RawHttp.exchange(server.app().port(), request);
  }

  private static void assertProblem(RawHttp.Response r, int status, String type, String what) {
    assertThat(r.status()).as("%s: %s %s", what, r.head(), r.body()).isEqualTo(status);
    assertThat(r.isProblem()).as("%s is a problem: %s", what, r.head()).isTrue();
    assertThat(r.json().path("type").asText()).as(what).isEqualTo(type);
    assertThat(r.json().path("status").asInt()).as(what).isEqualTo(status);
  }

  private String chunkedPost(String path, String chunks) {
    String type = path.equals("/.well-known/mercure") ? "application/x-www-form-urlencoded" : "application/json";
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.editorToken()
        + "\r\nContent-Type: " + type + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
  }

  /** A 4xx problem: what an address that answers before reading the body (405, say) says first. */
  private static void assertClientError(RawHttp.Response r, String what) {
    assertThat(r.status()).as("%s: %s %s", what, r.head(), r.body()).isBetween(400, 499);
    assertThat(r.isProblem()).as("%s is a problem: %s", what, r.head()).isTrue();
  }

  @Test
  void brokenChunkFramingIsABadRequestOnEveryRouteThatTakesABody() {
    List<String> brokenFraming = List.of(
        "zz\r\n{}\r\n0\r\n\r\n", // a size that is not hex
        "2\r\n{}XX0\r\n\r\n", // no CRLF after the chunk's data
        "fffffffffffffffffff\r\n{}\r\n0\r\n\r\n", // a size that overflows
        "-2\r\n{}\r\n0\r\n\r\n");
    for (String path : List.of("/api/v1/stories", "/.well-known/mercure", "/push/subscriptions", "/events", "/")) {
      boolean readsBody = path.equals("/api/v1/stories") || path.equals("/push/subscriptions");
      for (String chunks : brokenFraming) {
        String what = "POST " + path + " with chunks " + chunks.replace("\r\n", "\\r\\n");
        var r = send(chunkedPost(path, chunks));
        if (readsBody) {
          assertProblem(r, 400, "/problems/bad-request", what);
          assertThat(r.header("Connection")).as(what).isEqualToIgnoringCase("close");
        } else {
          assertClientError(r, what);
        }
      }
    }
  }

  @Test
  void aRequestLineThatIsNotHttp1IsABadRequest() {
    for (String version : List.of("HTTP/9.9", "HTTP/2.0", "FOO/1.1", "HTTP/1", "HTTP/1.1.1", "", "HTTP/x.y")) {
      var r = send("GET /livez " + version + "\r\nHost: 127.0.0.1\r\n\r\n");
      assertProblem(r, 400, "/problems/bad-request", "version '" + version + "'");
    }
    assertProblem(send("GET\r\nHost: 127.0.0.1\r\n\r\n"), 400, "/problems/bad-request", "no target");
    assertProblem(send("G\0T /livez HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), 400, "/problems/bad-request", "NUL");
    var newerMinor = send("GET /livez HTTP/1.7\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(newerMinor.status()).as("a later HTTP/1.x is read as HTTP/1.1 (RFC 9112 §2.3)").isEqualTo(200);
  }

  @Test
  void anHttp11RequestNeedsExactlyOneValidHost() {
    assertProblem(send("GET /livez HTTP/1.1\r\n\r\n"), 400, "/problems/bad-request", "no Host");
    assertProblem(send("GET /livez HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400, "/problems/bad-request", "two Hosts");
    for (String host : List.of("exa mple", "x:99999", "[::1", "a/b", "a@b", "x:1:2", "\"q\"")) {
      assertProblem(send("GET /livez HTTP/1.1\r\nHost: " + host + "\r\n\r\n"), 400, "/problems/bad-request",
          "Host " + host);
    }
    for (String host : List.of("127.0.0.1", "localhost:8080", "[::1]:80", "news.example.com", "")) {
      var r = send("GET /livez HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
      assertThat(r.status()).as("Host '%s'", host).isEqualTo(200);
    }
    assertThat(send("GET /livez HTTP/1.0\r\n\r\n").status()).as("HTTP/1.0 needs no Host").isEqualTo(200);
  }

  @Test
  void oversizeRequestsGetTheirOwnStatus() {
    assertProblem(send("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414, "/problems/uri-too-long",
        "a 10 kB address");
    assertProblem(send("GET /livez HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"), 431,
        "/problems/headers-too-large", "a 20 kB header");
    assertProblem(send("GET /livez HTTP/1.1\r\nHost: x\r\n" + "X-N: 1\r\n".repeat(3_000) + "\r\n"), 431,
        "/problems/headers-too-large", "3,000 headers");
    var declared = send("POST /api/v1/stories HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n");
    assertProblem(declared, 413, "/problems/too-large", "a declared 2 MB body, refused before it is sent");
    String chunk = Integer.toHexString(64 * 1024) + "\r\n" + "x".repeat(64 * 1024) + "\r\n";
    var streamed = send(chunkedPost("/api/v1/stories", chunk.repeat(20) + "0\r\n\r\n"));
    assertProblem(streamed, 413, "/problems/too-large", "a chunked 1.3 MB body");
    assertClientError(send(chunkedPost("/events", chunk.repeat(20) + "0\r\n\r\n")),
        "a chunked 1.3 MB body on an address that reads none");
  }

  @Test
  void bodyFramingThatCannotBeTrustedIsABadRequest() {
    assertProblem(send("POST /api/v1/stories HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n{}"), 400,
        "/problems/bad-request", "a Transfer-Encoding not ending in chunked");
    assertProblem(send("POST /api/v1/stories HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n{}"), 400,
        "/problems/bad-request", "a Content-Length that is not a number");
    assertProblem(send("POST /api/v1/stories HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"),
        400, "/problems/bad-request", "two Content-Lengths");
  }

  @Test
  void anInvalidPercentEscapeInTheQueryIsABadRequestOnEveryRoute() {
    for (String path : EVERY_ROUTE_FAMILY) {
      for (String query : List.of("topic=%ZZ", "a=%", "%zz=1", "lastEventID=%E0%A4%A&x=1")) {
        var r = send("GET " + path + "?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertProblem(r, 400, "/problems/bad-request", "GET " + path + "?" + query);
        assertThat(r.json().path("detail").asText()).contains("query");
      }
    }
  }

  @Test
  void unknownAddressesAndMethodsAnswerWithProblems() {
    var missing = send("GET /no/such/address HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertProblem(missing, 404, "/problems/not-found", "an unknown address");
    var wrongMethod = send("DELETE /events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertProblem(wrongMethod, 405, "/problems/method-not-allowed", "DELETE /events");
    var unknownMethod = send("BREW /livez HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(unknownMethod.status()).as(unknownMethod.head()).isBetween(400, 499);
    assertThat(unknownMethod.isProblem()).isTrue();
  }

  @Test
  void aRefusedRequestDoesNotDisturbTheOneBeforeItOnTheConnection() {
    // Pipelined: a good request, then a broken one. The good one's answer comes first and whole.
    var bytes = ("GET /livez HTTP/1.1\r\nHost: x\r\n\r\nGET /livez HTTP/9.9\r\nHost: x\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    logs = CapturedLogs.start();
    var first = RawHttp.exchange(server.app().port(), bytes);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).as("the good request's answer, then perhaps a problem for the other, nothing torn")
        .satisfiesAnyOf(b -> assertThat(b).doesNotContain("HTTP/1.1"),
            b -> assertThat(b).contains("HTTP/1.1 400 Bad Request").contains("/problems/bad-request"));
  }
}
