package newsdesk.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import newsdesk.testing.Await;
import newsdesk.testing.LocalPushService;
import newsdesk.testing.PushSubscriber;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private TestServer server;
  private LocalPushService service;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, Map.of("push.allow-insecure-endpoints", "true"));
    service = LocalPushService.start();
  }

  @AfterEach
  void stop() {
    service.close();
    if (server != null) server.close();
  }

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  private String key() throws Exception {
    var res = server.send("GET", "/push/key", null, null);
    assertThat(res.statusCode()).isEqualTo(200);
    return json(res.body()).get("publicKey").asText();
  }

  private void publish(String slug, String section) {
    var res = server.editor("POST", "/api/v1/stories", "{\"headline\":\"Headline for " + slug + "\",\"slug\":\"" + slug
        + "\",\"section\":\"" + section + "\",\"status\":\"published\"}");
    assertThat(res.statusCode()).isEqualTo(201);
  }

  @Test
  void theKeyIsTheServersVapidPublicKeyAndSurvivesARestart() throws Exception {
    String k = key();
    assertThat(P256.isValidPoint(P256.unb64(k).orElseThrow())).isTrue();
    server.close();
    server = TestServer.start(dir, Map.of("push.allow-insecure-endpoints", "true"));
    assertThat(key()).isEqualTo(k);
  }

  @Test
  void aReaderSubscribesAndUnsubscribes() throws Exception {
    var sub = PushSubscriber.create();
    String endpoint = service.subscribe(sub, key());
    var res = server.send("POST", "/push/subscriptions", sub.subscriptionJson(endpoint, "breaking", "section:city"), null);
    assertThat(res.statusCode()).isEqualTo(201);
    assertThat(json(res.body()).get("topics").toString()).isEqualTo("[\"breaking\",\"section:city\"]");
    var stored = server.app().pushStore().pushSubscription(endpoint).orElseThrow();
    assertThat(stored.createdAt()).isNotNull();
    assertThat(stored.p256dh()).isEqualTo(sub.p256dh());

    var again = server.send("POST", "/push/subscriptions", sub.subscriptionJson(endpoint, "live:some-blog"), null);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(server.app().pushStore().pushSubscription(endpoint).orElseThrow().topics()).containsExactly("live:some-blog");

    var del = server.send("DELETE", "/push/subscriptions", "{\"endpoint\":\"" + endpoint + "\"}", null);
    assertThat(del.statusCode()).isEqualTo(204);
    assertThat(server.app().pushStore().pushSubscription(endpoint)).isEmpty();
  }

  @Test
  void keysAndEndpointsAreValidated() throws Exception {
    var sub = PushSubscriber.create();
    String endpoint = service.subscribe(sub, key());
    byte[] point = P256.unb64(sub.p256dh()).orElseThrow();
    point[40] ^= 0x10;
    String offCurve = sub.subscriptionJson(endpoint, "breaking").replace(sub.p256dh(), P256.b64(point));
    assertInvalid(offCurve, "keys.p256dh");
    assertInvalid(sub.subscriptionJson(endpoint, "breaking").replace(sub.auth(), P256.b64(new byte[15])), "keys.auth");
    assertInvalid(sub.subscriptionJson(endpoint, "breaking").replace(sub.auth(), "not base64!"), "keys.auth");
    assertInvalid(sub.subscriptionJson("http://push.example.net/x", "breaking"), "endpoint");
    assertInvalid(sub.subscriptionJson("ftp://127.0.0.1/x", "breaking"), "endpoint");
    assertInvalid(sub.subscriptionJson(endpoint, "everything"), "topics");
    assertInvalid(sub.subscriptionJson(endpoint), "topics");
    assertThat(server.send("POST", "/push/subscriptions", "{nope", null).statusCode()).isEqualTo(400);
    assertThat(server.send("POST", "/push/subscriptions", sub.subscriptionJson("https://push.example.net/abc", "breaking"), null)
        .statusCode()).isEqualTo(201);
  }

  @Test
  void withoutTheFlagOnlyHttpsEndpointsAreAccepted() throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("strict"));
    var sub = PushSubscriber.create();
    assertInvalid(sub.subscriptionJson(service.subscribe(sub, key()), "breaking"), "endpoint");
  }

  private void assertInvalid(String body, String field) throws Exception {
    var res = server.send("POST", "/push/subscriptions", body, null);
    assertThat(res.statusCode()).as(body).isEqualTo(422);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(res.body()).get("field").asText()).isEqualTo(field);
  }

  @Test
  void anEditorsBreakingAlertReachesASubscribedBrowser() throws Exception {
    publish("bridge-closed", "city");
    var sub = PushSubscriber.create();
    String endpoint = service.subscribe(sub, key());
    assertThat(server.send("POST", "/push/subscriptions", sub.subscriptionJson(endpoint, "breaking"), null).statusCode())
        .isEqualTo(201);

    var res = server.editor("POST", "/api/v1/alerts",
        "{\"headline\":\"Bridge closed\",\"text\":\"Both directions.\",\"story\":\"bridge-closed\"}");

    assertThat(res.statusCode()).isEqualTo(202);
    assertThat(json(res.body()).get("deliveries").asInt()).isEqualTo(1);
    Await.until(() -> service.receivedBy(endpoint).size() == 1, Duration.ofSeconds(10), "the alert arrives");
    var got = service.receivedBy(endpoint).get(0).json();
    assertThat(got.get("title").asText()).isEqualTo("Bridge closed");
    assertThat(got.get("url").asText()).isEqualTo(server.storyUrl("bridge-closed"));
    assertThat(service.violations()).isEmpty();
    Await.until(() -> server.send("GET", "/metrics", null, null).body().contains("newsdesk_push_sent_total 1.0"),
        Duration.ofSeconds(5), "the metric counts it");
  }

  @Test
  void alertsNeedAnEditorAndAPublishedStory() throws Exception {
    String alert = "{\"headline\":\"H\",\"text\":\"T\",\"story\":\"nope\"}";
    assertThat(server.send("POST", "/api/v1/alerts", alert, null).statusCode()).isEqualTo(401);
    var res = server.editor("POST", "/api/v1/alerts", alert);
    assertThat(res.statusCode()).isEqualTo(422);
    assertThat(json(res.body()).get("field").asText()).isEqualTo("story");
    publish("real-story", "city");
    assertThat(server.editor("POST", "/api/v1/alerts", "{\"story\":\"real-story\"}").statusCode()).isEqualTo(422);
    assertThat(server.editor("POST", "/api/v1/alerts", "{\"headline\":\"H\",\"story\":\"real-story\",\"x\":1}").statusCode())
        .isEqualTo(422);
    assertThat(server.editor("POST", "/api/v1/alerts", "{\"headline\":\"H\",\"story\":\"real-story\",\"section\":\"Bad Name\"}")
        .statusCode()).isEqualTo(422);
    assertThat(server.editor("GET", "/api/v1/alerts", null).statusCode()).isEqualTo(405);
  }

  @Test
  void theServiceWorkerIsServedFromTheRoot() {
    var res = server.send("GET", "/sw.js", null, null);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
    assertThat(res.body()).contains("addEventListener('push'", "showNotification", "pushsubscriptionchange",
        "notificationclick");
  }
}
