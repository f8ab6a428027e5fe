package newsdesk.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsdesk.testing.Await;
import newsdesk.testing.Jwts;
import newsdesk.testing.RawWebSocket;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import newsdesk.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /ws} against a real server: events, resume, authorisation, heartbeats, slow readers, limits. */
class WebSocketTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String BOOK = "https://example.com/books/1";

  @TempDir Path dir;
  TestServer server;

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private TestServer start(Map<String, String> extra) {
    var settings = new HashMap<String, String>(Map.of(
        "mercure.publisher-key", Jwts.PUBLISHER_KEY, "mercure.subscriber-key", Jwts.SUBSCRIBER_KEY));
    settings.putAll(extra);
    server = TestServer.start(dir, settings);
    return server;
  }

  private String liveBlog(String slug) {
    var res = server.editor("POST", "/api/v1/stories",
        "{\"slug\":\"" + slug + "\",\"headline\":\"Live\",\"section\":\"news\",\"kind\":\"live\",\"status\":\"published\"}");
    assertThat(res.statusCode()).isEqualTo(201);
    return server.storyUrl(slug);
  }

  private void addEntry(String slug, String body) {
    var res = server.editor("POST", "/api/v1/stories/" + slug + "/entries", "{\"body\":" + JSON.valueToTree(body) + "}");
    assertThat(res.statusCode()).isEqualTo(201);
  }

  /** Publishes a Mercure update and returns its id. */
  private String publish(String topic, String data, boolean privateUpdate) {
    String form = "topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8)
        + "&data=" + URLEncoder.encode(data, StandardCharsets.UTF_8) + (privateUpdate ? "&private=on" : "");
    var req = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/.well-known/mercure"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Bearer " + Jwts.publisher(List.of("*")))
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    try {
      var res = TestServer.http().send(req, HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
      return res.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private int openSockets() {
    return server.app().webSockets().openConnections();
  }

  @Test
  void newsroomAndMercureEventsArriveWithTheSameIdsAsOnSse() {
    start(Map.of());
    String story = liveBlog("ws-live");
    try (var ws = WsClient.connect(server.baseUrl());
        var sse = SseClient.connect(server.baseUrl(), null, story, BOOK)) {
      JsonNode subscribed = ws.subscribe("s1", null, story, "https://example.com/books/{id}");
      assertThat(subscribed.get("lastEventId").isNull()).isTrue();

      addEntry("ws-live", "First entry");
      String mercureId = publish(BOOK, "{\"title\":\"Dune\"}", false);

      JsonNode entry = ws.nextEvent(WAIT);
      JsonNode update = ws.nextEvent(WAIT);
      var sseEntry = sse.next(WAIT);
      var sseUpdate = sse.next(WAIT);

      assertThat(entry.get("event").asText()).isEqualTo("entry.added");
      assertThat(entry.get("id").asText()).isEqualTo(sseEntry.id());
      assertThat(entry.get("data").asText()).isEqualTo(sseEntry.data());
      assertThat(entry.get("topics")).extracting(JsonNode::asText).contains(story);

      assertThat(update.get("id").asText()).isEqualTo(mercureId).isEqualTo(sseUpdate.id());
      assertThat(update.get("event").asText()).isEqualTo("message");
      assertThat(update.get("data").asText()).isEqualTo("{\"title\":\"Dune\"}");
      assertThat(update.get("topics")).extracting(JsonNode::asText).containsExactly(BOOK);
    }
  }

  @Test
  void resumeAfterDisconnectReplaysEachMissedEventOnceInOrderThenGoesLive() {
    start(Map.of());
    String lastSeen;
    try (var ws = WsClient.connect(server.baseUrl())) {
      ws.subscribe("books", null, BOOK);
      for (int i = 0; i < 3; i++) publish(BOOK, "before " + i, false);
      for (int i = 0; i < 2; i++) ws.nextEvent(WAIT);
      lastSeen = ws.nextEvent(WAIT).get("id").asText();
    }
    var missed = new ArrayList<String>();
    for (int i = 0; i < 300; i++) missed.add(publish(BOOK, "missed " + i, false));

    try (var ws = WsClient.connect(server.baseUrl())) {
      JsonNode subscribed = ws.subscribe("books", lastSeen, BOOK);
      assertThat(subscribed.get("lastEventId").asText()).isEqualTo(lastSeen);
      var replayed = new ArrayList<String>();
      for (int i = 0; i < 300; i++) replayed.add(ws.nextEvent(WAIT).get("id").asText());
      assertThat(replayed).containsExactlyElementsOf(missed);

      String live = publish(BOOK, "live", false);
      JsonNode next = ws.nextEvent(WAIT);
      assertThat(next.get("id").asText()).as("the first event after the replay is the live one").isEqualTo(live);
    }
  }

  @Test
  void historyThatIsGoneGivesAGapFirst() {
    start(Map.of());
    publish(BOOK, "old", false);
    try (var ws = WsClient.connect(server.baseUrl())) {
      JsonNode subscribed = ws.subscribe("b", "no-such-id", BOOK);
      assertThat(subscribed.get("lastEventId").asText()).isEqualTo("earliest");
      JsonNode gap = ws.next(WAIT);
      assertThat(gap.get("type").asText()).isEqualTo("gap");
      assertThat(gap.get("id").asText()).isEqualTo("b");
      assertThat(ws.nextEvent(WAIT).get("data").asText()).isEqualTo("old");
    }
  }

  @Test
  void privateUpdatesReachOnlyTokensWhoseSubscribeClaimMatches() {
    start(Map.of());
    String mine = Jwts.subscriber(List.of("https://example.com/books/{id}"));
    String other = Jwts.subscriber(List.of("https://example.com/films/{id}"));
    try (var anonymous = WsClient.connect(server.baseUrl());
        var granted = WsClient.connect(server.baseUrl(), null, Map.of("Authorization", "Bearer " + mine));
        var byParam = WsClient.connect(server.baseUrl(), "authorization=" + mine, Map.of());
        var otherTopic = WsClient.connect(server.baseUrl(), null, Map.of("Authorization", "Bearer " + other))) {
      for (var ws : List.of(anonymous, granted, byParam, otherTopic)) ws.subscribe("s", null, BOOK);

      // Private first: whoever may not see it gets the public one first.
      String secret = publish(BOOK, "secret", true);
      String open = publish(BOOK, "open", false);

      assertThat(granted.nextEvent(WAIT).get("id").asText()).isEqualTo(secret);
      assertThat(byParam.nextEvent(WAIT).get("id").asText()).isEqualTo(secret);
      assertThat(anonymous.nextEvent(WAIT).get("id").asText()).isEqualTo(open);
      assertThat(otherTopic.nextEvent(WAIT).get("id").asText()).isEqualTo(open);
    }
  }

  @Test
  void badOrExpiredTokensAndCrossSiteCookiesAreRefusedBeforeTheUpgrade() {
    start(Map.of());
    String expired = Jwts.hs256(Jwts.SUBSCRIBER_KEY, null, List.of("*"), Instant.now().minusSeconds(3600));
    String wrongKey = Jwts.hs256(Jwts.PUBLISHER_KEY, null, List.of("*"), Instant.now().plusSeconds(3600));
    for (String token : List.of(expired, wrongKey, "not-a-jwt")) {
      assertThatThrownBy(() -> WsClient.connect(server.baseUrl(), null, Map.of("Authorization", "Bearer " + token)))
          .isInstanceOfSatisfying(WsClient.Refused.class, r -> assertThat(r.status).isEqualTo(401));
    }
    String cookie = "mercureAuthorization=" + Jwts.subscriber(List.of("*"));
    assertThatThrownBy(() -> WsClient.connect(server.baseUrl(), null,
        Map.of("Cookie", cookie, "Origin", "https://evil.example")))
        .isInstanceOfSatisfying(WsClient.Refused.class, r -> assertThat(r.status).isEqualTo(403));
    try (var ws = WsClient.connect(server.baseUrl(), null, Map.of("Cookie", cookie, "Origin", server.baseUrl()))) {
      ws.subscribe("s", null, BOOK);
    }
  }

  @Test
  void anonymousSubscribersAreRefusedWhenTheHubTakesNone() {
    start(Map.of("mercure.anonymous", "false"));
    assertThatThrownBy(() -> WsClient.connect(server.baseUrl()))
        .isInstanceOfSatisfying(WsClient.Refused.class, r -> assertThat(r.status).isEqualTo(401));
    try (var ws = WsClient.connect(server.baseUrl(), null,
        Map.of("Authorization", "Bearer " + Jwts.subscriber(List.of("*"))))) {
      ws.subscribe("s", null, BOOK);
    }
  }

  @Test
  void theSocketClosesWhenTheTokenExpires() {
    start(Map.of());
    String shortLived = Jwts.hs256(Jwts.SUBSCRIBER_KEY, null, List.of("*"), Instant.now().plusSeconds(2));
    try (var ws = WsClient.connect(server.baseUrl(), null, Map.of("Authorization", "Bearer " + shortLived))) {
      ws.subscribe("s", null, BOOK);
      var closed = ws.awaitClose(WAIT);
      assertThat(closed).isNotNull();
      assertThat(closed.code()).isEqualTo(1008);
    }
  }

  @Test
  void pingIsAnsweredWithPongAndIdleSocketsGetHeartbeats() {
    start(Map.of("heartbeat-seconds", "1"));
    try (var ws = WsClient.connect(server.baseUrl())) {
      ws.send("{\"type\":\"ping\"}");
      assertThat(ws.next(WAIT).get("type").asText()).isEqualTo("pong");
      Await.until(() -> ws.heartbeats() >= 2, WAIT, "two heartbeats arrive on a socket with no subscription");
    }
  }

  @Test
  void aReaderThatStopsReadingIsCutOffWhileOthersKeepReceiving() throws Exception {
    start(Map.of("sse.max-buffer-bytes", "65536"));
    String topic = liveBlog("flood");
    try (var healthy = WsClient.connect(server.baseUrl());
        var stalled = RawWebSocket.open(server.app().port(), 4096)) {
      healthy.subscribe("flood", null, topic);
      stalled.send(RawWebSocket.text(
          "{\"type\":\"subscribe\",\"id\":\"s\",\"topics\":[" + JSON.valueToTree(topic) + "]}"));
      Await.until(() -> server.app().hub().fanout().shards().stream().mapToInt(s -> s.size()).sum() == 2, WAIT,
          "both sockets are subscribed");
      assertThat(openSockets()).isEqualTo(2);

      String big = "x".repeat(60_000);
      int sent = 0;
      while (openSockets() > 1 && sent < 400) {
        addEntry("flood", big);
        sent++;
      }
      assertThat(openSockets()).as("the stalled reader was cut off").isEqualTo(1);
      for (int i = 0; i < sent; i++) assertThat(healthy.nextEvent(WAIT).get("event").asText()).isEqualTo("entry.added");
      var metrics = server.send("GET", "/metrics", null, null).body();
      assertThat(metrics).containsPattern("newsdesk_connections_open\\{transport=\"websocket\"} 1\\.0");
      assertThat(metrics).containsPattern("newsdesk_connections_overflowed_total\\{transport=\"websocket\"} [1-9]");
      Await.until(() -> server.app().hub().fanout().shards().stream().mapToInt(s -> s.size()).sum() == 1, WAIT,
          "the stalled reader's subscription is cancelled");
    }
  }

  @Test
  void badMessagesGetErrorsAndTheSocketStaysOpen() {
    start(Map.of());
    try (var ws = WsClient.connect(server.baseUrl())) {
      ws.send("{\"type\":\"subscribe\",\"id\":\"a\",\"topics\":[]}");
      JsonNode e = ws.next(WAIT);
      assertThat(e.get("type").asText()).isEqualTo("error");
      assertThat(e.get("id").asText()).isEqualTo("a");
      assertThat(e.get("status").asInt()).isEqualTo(400);
      assertThat(e.get("detail").asText()).contains("topics");

      ws.send("{\"type\":\"subscribe\",\"topics\":[\"x\"]}");
      assertThat(ws.next(WAIT).get("detail").asText()).contains("id");
      ws.send("{\"type\":\"teleport\"}");
      assertThat(ws.next(WAIT).get("detail").asText()).contains("teleport");
      ws.send("{\"type\":\"unsubscribe\",\"id\":\"nobody\"}");
      assertThat(ws.next(WAIT).get("status").asInt()).isEqualTo(404);
      ws.send("not json");
      assertThat(ws.next(WAIT).get("status").asInt()).isEqualTo(400);

      ws.subscribe("ok", null, BOOK);
      ws.send("{\"type\":\"subscribe\",\"id\":\"ok\",\"topics\":[\"x\"]}");
      assertThat(ws.next(WAIT).get("status").asInt()).as("an id in use").isEqualTo(409);
      String id = publish(BOOK, "still open", false);
      assertThat(ws.nextEvent(WAIT).get("id").asText()).isEqualTo(id);
    }
  }

  @Test
  void aMessageOverTheFrameLimitClosesTheSocketAsTooBig() {
    start(Map.of("ws.max-frame-bytes", "1024"));
    try (var ws = WsClient.connect(server.baseUrl())) {
      ws.send("{\"type\":\"subscribe\",\"id\":\"" + "x".repeat(2_000) + "\",\"topics\":[\"t\"]}");
      var closed = ws.awaitClose(WAIT);
      assertThat(closed).isNotNull();
      assertThat(closed.code()).isEqualTo(1009);
      Await.until(() -> openSockets() == 0, WAIT, "the socket is released");
    }
  }

  @Test
  void aClientThatKeepsSendingGarbageIsClosedWithPolicyViolation() {
    start(Map.of());
    try (var ws = WsClient.connect(server.baseUrl())) {
      for (int i = 0; i < 4; i++) ws.send("garbage " + i);
      for (int i = 0; i < 3; i++) assertThat(ws.next(WAIT).get("type").asText()).isEqualTo("error");
      var closed = ws.awaitClose(WAIT);
      assertThat(closed).isNotNull();
      assertThat(closed.code()).isEqualTo(1008);
    }
  }

  @Test
  void unsubscribeStopsDeliveryForThatSubscriptionOnly() {
    start(Map.of());
    String films = "https://example.com/films/1";
    try (var ws = WsClient.connect(server.baseUrl())) {
      ws.subscribe("books", null, BOOK);
      ws.subscribe("films", null, films);
      ws.send("{\"type\":\"unsubscribe\",\"id\":\"books\"}");
      JsonNode ack = ws.next(WAIT);
      assertThat(ack.get("type").asText()).isEqualTo("unsubscribed");
      assertThat(ack.get("id").asText()).isEqualTo("books");

      publish(BOOK, "nobody listens", false);
      String film = publish(films, "listened", false);
      assertThat(ws.nextEvent(WAIT).get("id").asText()).isEqualTo(film);
    }
  }

  @Test
  void subscriptionsPerSocketAreLimited() {
    start(Map.of("ws.max-subscriptions", "2"));
    try (var ws = WsClient.connect(server.baseUrl())) {
      ws.subscribe("a", null, BOOK);
      ws.subscribe("b", null, BOOK);
      ws.send("{\"type\":\"subscribe\",\"id\":\"c\",\"topics\":[\"x\"]}");
      JsonNode e = ws.next(WAIT);
      assertThat(e.get("type").asText()).isEqualTo("error");
      assertThat(e.get("status").asInt()).isEqualTo(429);
      ws.send("{\"type\":\"unsubscribe\",\"id\":\"a\"}");
      assertThat(ws.next(WAIT).get("type").asText()).isEqualTo("unsubscribed");
      ws.subscribe("c", null, BOOK);
    }
  }

  @Test
  void connectionsPerClientAreLimitedAcrossWebSocketAndSse() {
    start(Map.of("limits.connections-per-client", "2"));
    try (var first = WsClient.connect(server.baseUrl());
        var sse = SseClient.connect(server.baseUrl(), null, BOOK)) {
      assertThat(sse.response().statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> WsClient.connect(server.baseUrl()))
          .isInstanceOfSatisfying(WsClient.Refused.class, r -> assertThat(r.status).isEqualTo(429));
      var refused = server.send("GET", "/events?topic=" + URLEncoder.encode(BOOK, StandardCharsets.UTF_8), null, null);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");

      first.close();
      Await.until(() -> openSockets() == 0, WAIT, "the first socket is released");
      try (var again = WsClient.connect(server.baseUrl())) {
        again.subscribe("s", null, BOOK);
      }
    }
  }

  @Test
  void shutdownClosesSocketsWithServiceRestart() {
    start(Map.of());
    var ws = WsClient.connect(server.baseUrl());
    ws.subscribe("s", null, BOOK);
    server.close();
    server = null;
    var closed = ws.awaitClose(WAIT);
    assertThat(closed).isNotNull();
    assertThat(closed.code()).isEqualTo(1012);
    ws.close();
  }
}
