package newsdesk.mercure;

import static newsdesk.mercure.MercureSupport.form;
import static newsdesk.mercure.MercureSupport.publish;
import static newsdesk.mercure.MercureSupport.subscribe;
import static newsdesk.mercure.MercureSupport.subscribeUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsdesk.admission.MercureAuth;
import newsdesk.testing.Jwts;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The Mercure endpoint as the protocol (draft 07) describes it, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MercureProtocolTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir static Path dir;
  TestServer server;
  String publisher;

  @BeforeAll
  void start() {
    server = TestServer.start(dir, Map.of(
        "mercure.publisher-key", Jwts.PUBLISHER_KEY,
        "mercure.subscriber-key", Jwts.SUBSCRIBER_KEY,
        "mercure.cors-origins", "https://desk.example.com"));
    publisher = Jwts.publisher(List.of("*"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static String topic() {
    return "https://example.com/p/" + UUID.randomUUID();
  }

  private static HttpResponse<String> send(HttpRequest r) {
    try {
      return TestServer.http().send(r, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void publishAnswersTheIdAsPlainTextAfterTheUpdateIsInTheLog() {
    var res = publish(server, publisher, form("topic", topic(), "data", "hello"));
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    String id = res.body();
    assertThat(server.app().store().eventsAfter(0, 10_000)).anySatisfy(e -> {
      assertThat(e.id()).isEqualTo(id);
      assertThat(e.data()).isEqualTo("hello");
    });
  }

  @Test
  void updatesCarryTheirIdTypeRetryAndMultiLineData() {
    String t = topic();
    try (var client = subscribe(server, null, null, t)) {
      var res = publish(server, publisher, form("topic", t, "id", "urn:uuid:" + UUID.randomUUID(),
          "type", "story.breaking", "retry", "2500", "data", "line one\nline two"));
      assertThat(res.statusCode()).isEqualTo(200);
      var m = client.next(WAIT);
      assertThat(m.id()).isEqualTo(res.body());
      assertThat(m.event()).isEqualTo("story.breaking");
      assertThat(m.retry()).isEqualTo("2500");
      assertThat(m.data()).isEqualTo("line one\nline two");
    }
  }

  @Test
  void aRepeatedPublisherIdIsAConflict() {
    String id = "urn:uuid:" + UUID.randomUUID();
    assertThat(publish(server, publisher, form("topic", topic(), "id", id)).statusCode()).isEqualTo(200);
    var again = publish(server, publisher, form("topic", topic(), "id", id));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("\"field\":\"id\"");
  }

  @Test
  void malformedUpdatesAreBadRequests() {
    assertThat(publish(server, publisher, form("data", "no topic")).statusCode()).isEqualTo(400);
    assertThat(publish(server, publisher, form("topic", topic(), "type", "a\nevent: forged")).statusCode()).isEqualTo(400);
    assertThat(publish(server, publisher, form("topic", topic(), "id", "1\r\nid: 2")).statusCode()).isEqualTo(400);
    assertThat(publish(server, publisher, form("topic", topic(), "id", "12345")).statusCode()).isEqualTo(400);
    assertThat(publish(server, publisher, form("topic", topic(), "id", "earliest")).statusCode()).isEqualTo(400);
    var retry = publish(server, publisher, form("topic", topic(), "retry", "soon"));
    assertThat(retry.statusCode()).isEqualTo(400);
    assertThat(retry.body()).contains("\"field\":\"retry\"");
    var json = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/.well-known/mercure"))
        .header("Authorization", "Bearer " + publisher).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"x\"}")).build());
    assertThat(json.statusCode()).isEqualTo(415);
    var badEscape = publish(server, publisher, "topic=" + topic() + "&data=%zz");
    assertThat(badEscape.statusCode()).isEqualTo(400);
    assertThat(badEscape.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void aPublishBodyOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrStreamed() {
    String big = "topic=" + topic() + "&data=" + "x".repeat(1024 * 1024 + 16);
    var declared = publish(server, publisher, big);
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(declared.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    // No Content-Length: the body arrives in chunks and is counted as it comes.
    var chunks = java.util.stream.Stream.of(big.substring(0, 1000), big.substring(1000));
    var streamed = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/.well-known/mercure"))
        .header("Authorization", "Bearer " + publisher).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(
            chunks.map(c -> c.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList()))).build());
    assertThat(streamed.statusCode()).isEqualTo(413);

    // A publish just under the limit still goes through.
    var fits = publish(server, publisher, "topic=" + topic() + "&data=" + "y".repeat(1000));
    assertThat(fits.statusCode()).isEqualTo(200);
  }

  @Test
  void aPublisherMayOnlyPublishToTopicsItsClaimCovers() {
    String mine = "https://example.com/mine/" + UUID.randomUUID();
    String scoped = Jwts.publisher(List.of("https://example.com/mine/{id}"));
    assertThat(publish(server, scoped, form("topic", mine)).statusCode()).isEqualTo(200);
    assertThat(publish(server, scoped, form("topic", mine, "topic", "https://example.com/theirs/1")).statusCode())
        .as("every topic must be covered").isEqualTo(403);
    assertThat(publish(server, Jwts.publisher(List.of()), form("topic", mine)).statusCode()).isEqualTo(403);
  }

  @Test
  void aSubscriberTokenDoesNotPublishWhenTheKeysDiffer() {
    var res = publish(server, Jwts.hs256(Jwts.SUBSCRIBER_KEY, List.of("*"), List.of("*"), Instant.now().plusSeconds(60)),
        form("topic", topic()));
    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(res.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void resumeSetsLastEventIdOnTheResponseAndEarliestReplaysEverything() {
    String t = topic();
    String first = publish(server, publisher, form("topic", t, "data", "1")).body();
    String second = publish(server, publisher, form("topic", t, "data", "2")).body();
    try (var client = subscribe(server, null, first, t)) {
      assertThat(client.response().headers().firstValue("Last-Event-ID")).hasValue(first);
      var m = client.next(WAIT);
      assertThat(m.id()).isEqualTo(second);
    }
    try (var client = SseClient.open(subscribeUrl(server, List.of(t), "lastEventID=earliest"), null)) {
      assertThat(client.response().headers().firstValue("Last-Event-ID")).hasValue("earliest");
      assertThat(client.next(WAIT).id()).isEqualTo(first);
      assertThat(client.next(WAIT).id()).isEqualTo(second);
    }
    try (var client = subscribe(server, null, "urn:never:published", t)) {
      assertThat(client.response().headers().firstValue("Last-Event-ID")).hasValue("earliest");
      assertThat(client.next(WAIT).event()).isEqualTo("gap");
    }
  }

  @Test
  void newsroomEventsHaveTheSameIdOnBothEndpoints() {
    var created = server.editor("POST", "/api/v1/stories",
        "{\"headline\":\"Same ids\",\"section\":\"news\",\"kind\":\"live\",\"status\":\"published\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String slug = created.body().replaceAll(".*\"slug\":\"([^\"]+)\".*", "$1");
    String storyTopic = server.storyUrl(slug);
    try (var events = SseClient.connect(server.baseUrl(), null, storyTopic);
        var mercure = subscribe(server, null, null, server.baseUrl() + "/stories/{slug}")) {
      server.editor("POST", "/api/v1/stories/" + slug + "/entries", "{\"body\":\"one id\"}");
      var a = events.next(WAIT);
      var b = mercure.next(WAIT);
      assertThat(b.id()).isEqualTo(a.id());
      assertThat(b.event()).isEqualTo("entry.added");
      assertThat(b.data()).isEqualTo(a.data());
    }
  }

  @Test
  void theTokenMayComeAsCookieOrQueryParameter() {
    String t = topic();
    String jwt = Jwts.subscriber(List.of(t));
    var viaCookie = SseClient.open(subscribeUrl(server, List.of(t), null), null,
        Map.of("Cookie", MercureAuth.COOKIE + "=" + jwt));
    var viaQuery = SseClient.open(subscribeUrl(server, List.of(t), "authorization=" + jwt), null);
    try (viaCookie; viaQuery) {
      publish(server, publisher, form("topic", t, "data", "secret", "private", "on"));
      assertThat(viaCookie.next(WAIT).data()).isEqualTo("secret");
      assertThat(viaQuery.next(WAIT).data()).isEqualTo("secret");
    }
    var bad = SseClient.open(subscribeUrl(server, List.of(t), "authorization=not-a-jwt"), null);
    assertThat(bad.response().statusCode()).isEqualTo(401);
    bad.close();
  }

  @Test
  void theStreamClosesWhenTheTokenExpires() {
    String t = topic();
    String jwt = Jwts.hs256(Jwts.SUBSCRIBER_KEY, null, List.of(t), Instant.now().plusSeconds(2));
    try (var client = subscribe(server, jwt, null, t)) {
      assertThat(client.response().statusCode()).isEqualTo(200);
      assertThat(client.awaitEnd(Duration.ofSeconds(15))).isTrue();
    }
  }

  @Test
  void discoveryLinkIsOnPagesAndApiResponses() {
    String link = "<" + server.baseUrl() + "/.well-known/mercure>; rel=\"mercure\"";
    assertThat(server.send("GET", "/", null, null).headers().allValues("Link")).contains(link);
    assertThat(server.editor("GET", "/api/v1/stories", null).headers().allValues("Link")).contains(link);
  }

  @Test
  void corsAllowsCredentialsOnlyForListedOrigins() {
    var listed = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/.well-known/mercure?topic=x"))
        .header("Origin", "https://desk.example.com")
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertThat(listed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://desk.example.com");
    assertThat(listed.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
    var other = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/.well-known/mercure?topic=x"))
        .header("Origin", "https://evil.example.net")
        .header("Access-Control-Request-Method", "GET")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(other.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
  }
}
