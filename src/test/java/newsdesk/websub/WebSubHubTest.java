package newsdesk.websub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import newsdesk.content.StoryInput;
import newsdesk.store.CallbackStore;
import newsdesk.testing.Await;
import newsdesk.testing.LocalSubscriber;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as websub.rocks checks hubs (its tests 100–106), with a subscriber of our own on
 * loopback; then retries, 410, lease expiry and a restart with deliveries pending.
 */
class WebSubHubTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Map<String, String> SETTINGS = Map.of("callbacks.allow-private", "true",
      "callbacks.first-retry-ms", "100", "websub.lease-min-seconds", "1");
  @TempDir Path dir;
  private TestServer server;
  private LocalSubscriber subscriber;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, SETTINGS);
    subscriber = LocalSubscriber.start();
  }

  @AfterEach
  void stop() {
    subscriber.close();
    if (server != null) server.close();
  }

  // ---- websub.rocks 100: subscribe, verify, receive the full feed with discovery links

  @Test
  void test100ATypicalSubscriptionIsVerifiedThenGetsTheWholeFeedWithHubAndSelfLinks() {
    String topic = topic("/feed.atom");
    var res = subscribe(Map.of("hub.callback", subscriber.url("/cb"), "hub.mode", "subscribe", "hub.topic", topic));
    assertThat(res.statusCode()).isEqualTo(202);
    var check = subscriber.verification(1, WAIT);
    assertThat(check.query()).containsEntry("hub.mode", "subscribe").containsEntry("hub.topic", topic)
        .containsEntry("hub.lease_seconds", "864000").containsKey("hub.challenge");
    awaitSubscribed(subscriber.url("/cb"), topic);

    publish("Bridge reopens");
    var got = subscriber.delivery(1, WAIT);
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.header("Content-Type")).isEqualTo("application/atom+xml; charset=utf-8");
    assertThat(got.text()).startsWith("<?xml").contains("<title>Bridge reopens</title>");
    assertThat(got.headers("Link")).contains("<" + server.baseUrl() + "/websub>; rel=\"hub\"", "<" + topic + ">; rel=\"self\"");
    assertThat(got.header("X-Hub-Signature")).isNull();
  }

  // ---- 101: a secret signs each delivery with HMAC-SHA256

  @Test
  void test101ASubscriptionWithASecretGetsEachDeliverySignedWithSha256() throws Exception {
    String topic = topic("/feed.atom");
    subscribeAndVerify(subscriber.url("/signed"), topic, Map.of("hub.secret", "a secret only we know"));
    publish("Signed story");
    var got = subscriber.delivery(1, WAIT);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("a secret only we know".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(got.header("X-Hub-Signature")).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(got.body())));
  }

  /**
   * WebSub §7.1 and §8.3: a secret given is used, whatever the callback's scheme — §7.1.2 names
   * signed deliveries to plain-http callbacks as the point of the secret (decision 0143). Checked
   * by Python's own hmac, not the JDK's.
   */
  @Test
  void aPlainHttpCallbackWithASecretIsSignedAndAnIndependentHmacAgrees() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/python3").canExecute(), "needs python3");
    String callback = subscriber.url("/plain");
    assertThat(callback).startsWith("http://");
    String topic = topic("/feed.json");
    subscribeAndVerify(callback, topic, Map.of("hub.secret", "s3cret over http"));
    publish("Signed over http");
    var got = subscriber.delivery(1, WAIT);
    Path body = dir.resolve("delivery.bin");
    java.nio.file.Files.write(body, got.body());
    var p = new ProcessBuilder("/usr/bin/python3", "-c", "import hashlib, hmac, sys; "
        + "print('sha256=' + hmac.new(sys.argv[1].encode(), open(sys.argv[2], 'rb').read(), hashlib.sha256).hexdigest())",
        "s3cret over http", body.toString())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).redirectErrorStream(true).start();
    String python = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(got.header("X-Hub-Signature")).isEqualTo(python);
  }

  // ---- 102: parameters the hub does not know are ignored

  @Test
  void test102UnknownParametersAreIgnored() {
    String topic = topic("/sections/city/feed.atom");
    var form = new LinkedHashMap<String, String>();
    form.put("hub.callback", subscriber.url("/cb"));
    form.put("hub.mode", "subscribe");
    form.put("hub.topic", topic);
    form.put("hub.foo", "bar");
    form.put("utm_source", "x");
    assertThat(subscribe(form).statusCode()).isEqualTo(202);
    awaitSubscribed(subscriber.url("/cb"), topic);
    publish("City story");
    assertThat(subscriber.delivery(1, WAIT).text()).contains("City story");
  }

  // ---- 103: a re-subscription renews the lease, and only once verified

  @Test
  void test103AReSubscriptionRenewsTheLeaseOnlyOnceVerified() {
    String topic = topic("/feed.atom");
    String cb = subscriber.url("/cb");
    subscribeAndVerify(cb, topic, Map.of("hub.lease_seconds", "3600"));
    var first = store().webSubSubscription(cb, topic).orElseThrow();
    assertThat(first.leaseSeconds()).isEqualTo(3600);

    subscriber.confirm(false);
    assertThat(subscribe(Map.of("hub.callback", cb, "hub.mode", "subscribe", "hub.topic", topic,
        "hub.lease_seconds", "7200")).statusCode()).isEqualTo(202);
    subscriber.verification(2, WAIT);
    assertThat(store().webSubSubscription(cb, topic).orElseThrow().leaseSeconds()).as("unconfirmed: unchanged")
        .isEqualTo(3600);
    subscriber.confirm(true);
    subscribeAndVerify(cb, topic, Map.of("hub.lease_seconds", "100"));
    Await.until(() -> store().webSubSubscription(cb, topic).orElseThrow().leaseSeconds() == 100, WAIT, "renewed lease");
    assertThat(store().webSubSubscription(cb, topic).orElseThrow().id()).isEqualTo(first.id());
  }

  // ---- 104: unsubscription, verified, ends the deliveries

  @Test
  void test104UnsubscribingIsVerifiedAndEndsTheDeliveries() {
    String topic = topic("/feed.atom");
    String gone = subscriber.url("/leaving");
    String staying = subscriber.url("/staying");
    subscribeAndVerify(gone, topic, Map.of());
    subscribeAndVerify(staying, topic, Map.of());
    assertThat(subscribe(Map.of("hub.callback", gone, "hub.mode", "unsubscribe", "hub.topic", topic)).statusCode())
        .isEqualTo(202);
    Await.until(() -> store().webSubSubscription(gone, topic).isEmpty(), WAIT, "unsubscribed");
    assertThat(subscriber.verifications().getLast().query()).containsEntry("hub.mode", "unsubscribe")
        .doesNotContainKey("hub.lease_seconds");

    publish("After the unsubscription");
    subscriber.delivery(1, WAIT);
    // Both deliveries are queued in one transaction: had the first been queued, it would be here too.
    Await.until(() -> store().callbackDeliveryCounts().get("pending") == 0
        && store().callbackDeliveryCounts().get("in_flight") == 0, WAIT, "outbox drained");
    assertThat(subscriber.deliveries()).extracting(LocalSubscriber.Received::path).containsExactly("/staying");
  }

  // ---- 105 and 106: the content goes as it is, with its own type, in either format

  @Test
  void test105And106TheJsonFeedTopicIsDeliveredAsJsonFeedAndTheAtomTopicAsAtom() throws Exception {
    String json = topic("/feed.json");
    String atom = topic("/feed.atom");
    subscribeAndVerify(subscriber.url("/json"), json, Map.of());
    subscribeAndVerify(subscriber.url("/atom"), atom, Map.of());
    publish("Both formats");
    subscriber.delivery(2, WAIT);
    var byPath = subscriber.deliveries().stream().collect(Collectors.toMap(LocalSubscriber.Received::path, r -> r));
    var jsonFeed = new ObjectMapper().readTree(byPath.get("/json").body());
    assertThat(byPath.get("/json").header("Content-Type")).isEqualTo("application/feed+json; charset=utf-8");
    assertThat(jsonFeed.path("items").get(0).path("title").asText()).isEqualTo("Both formats");
    assertThat(jsonFeed.path("hubs").get(0).path("url").asText()).isEqualTo(server.baseUrl() + "/websub");
    assertThat(byPath.get("/atom").header("Content-Type")).isEqualTo("application/atom+xml; charset=utf-8");
    assertThat(byPath.get("/atom").text()).contains("rel=\"hub\" href=\"" + server.baseUrl() + "/websub\"");
  }

  @Test
  void feedsAdvertiseTheHubAndThemselvesInLinkHeaders() {
    var res = server.send("GET", "/sections/city/feed.json", null, null);
    assertThat(res.headers().allValues("Link")).contains("<" + server.baseUrl() + "/websub>; rel=\"hub\"",
        "<" + server.baseUrl() + "/sections/city/feed.json>; rel=\"self\"");
  }

  @Test
  void requestsTheHubCannotServeAreRefusedWith400Problems() {
    String cb = subscriber.url("/cb");
    assertThat(subscribe(Map.of("hub.callback", cb, "hub.mode", "subscribe", "hub.topic", "https://elsewhere.example/feed"))
        .statusCode()).isEqualTo(400);
    assertThat(subscribe(Map.of("hub.callback", cb, "hub.mode", "subscribe", "hub.topic", server.baseUrl() + "/stories/nope/feed.atom"))
        .statusCode()).isEqualTo(400);
    assertThat(subscribe(Map.of("hub.callback", cb, "hub.mode", "dance", "hub.topic", topic("/feed.atom")))
        .statusCode()).isEqualTo(400);
    assertThat(subscribe(Map.of("hub.callback", cb, "hub.mode", "subscribe", "hub.topic", topic("/feed.atom"),
        "hub.secret", "x".repeat(200))).statusCode()).isEqualTo(400);
    var p = subscribe(Map.of("hub.callback", "ftp://127.0.0.1/cb", "hub.mode", "subscribe", "hub.topic", topic("/feed.atom")));
    assertThat(p.statusCode()).isEqualTo(400);
    assertThat(p.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    assertThat(p.body()).contains("hub.callback");
    assertThat(subscribe(Map.of("hub.mode", "publish", "hub.url", "https://elsewhere.example/feed")).statusCode()).isEqualTo(400);
  }

  @Test
  void aPublishPingForOurTopicSendsItAtOnce() {
    String topic = topic("/feed.atom");
    subscribeAndVerify(subscriber.url("/cb"), topic, Map.of());
    assertThat(subscribe(Map.of("hub.mode", "publish", "hub.url", topic)).statusCode()).isEqualTo(202);
    assertThat(subscriber.delivery(1, WAIT).header("Content-Type")).startsWith("application/atom+xml");
  }

  // ---- failures

  @Test
  void aFailedDeliveryIsTriedAgainUntilTheSubscriberTakesIt() {
    String topic = topic("/feed.atom");
    subscribeAndVerify(subscriber.url("/cb"), topic, Map.of());
    subscriber.answer(500, 503);
    publish("Third time lucky");
    var third = subscriber.delivery(3, WAIT);
    assertThat(third.text()).contains("Third time lucky");
    Await.until(() -> store().callbackDeliveryCounts().get("sent") == 1, WAIT, "recorded as sent");
  }

  @Test
  void a410EndsTheSubscription() {
    String topic = topic("/feed.atom");
    String cb = subscriber.url("/cb");
    subscribeAndVerify(cb, topic, Map.of());
    subscriber.answer(410);
    publish("Nobody home");
    subscriber.delivery(1, WAIT);
    Await.until(() -> store().webSubSubscription(cb, topic).isEmpty(), WAIT, "subscription ended");
    assertThat(store().callbackDeliveryCounts()).containsEntry("pending", 0L).containsEntry("in_flight", 0L);
  }

  @Test
  void aSubscriptionWhoseLeaseHasEndedGetsNothing() {
    String topic = topic("/feed.atom");
    String brief = subscriber.url("/brief");
    subscribeAndVerify(brief, topic, Map.of("hub.lease_seconds", "1"));
    subscribeAndVerify(subscriber.url("/long"), topic, Map.of());
    var lease = store().webSubSubscription(brief, topic).orElseThrow();
    assertThat(lease.leaseSeconds()).isEqualTo(1);
    Await.until(() -> java.time.Instant.now().isAfter(lease.expiresAt()), WAIT, "the lease to end");
    publish("After the lease");
    assertThat(subscriber.delivery(1, WAIT).path()).isEqualTo("/long");
    Await.until(() -> store().callbackDeliveryCounts().get("sent") == 1, WAIT, "recorded");
    assertThat(subscriber.deliveries()).extracting(LocalSubscriber.Received::path).containsExactly("/long");
  }

  @Test
  void deliveriesPendingAtARestartAreSentByTheNextProcess() {
    String topic = topic("/feed.atom");
    subscribeAndVerify(subscriber.url("/cb"), topic, Map.of());
    subscriber.answer(503);
    publish("Across a restart");
    subscriber.delivery(1, WAIT);
    Await.until(() -> store().callbackDeliveryCounts().get("pending") == 1, WAIT, "a retry pending");
    restart();
    var again = subscriber.delivery(2, WAIT);
    assertThat(again.text()).contains("Across a restart");
  }

  // ---- helpers

  private CallbackStore store() {
    return server.app().callbackStore();
  }

  private String topic(String path) {
    return server.baseUrl() + path;
  }

  @Test
  void aRequestAcceptedBeforeARestartIsVerifiedByTheNextProcess() {
    String topic = topic("/feed.atom");
    subscriber.hold(); // the node stops in the middle of verifying
    var res = subscribe(Map.of("hub.callback", subscriber.url("/cb"), "hub.mode", "subscribe", "hub.topic", topic));
    assertThat(res.statusCode()).isEqualTo(202);
    String firstChallenge = subscriber.verification(1, WAIT).query().get("hub.challenge");
    restart();
    subscriber.release();
    var again = subscriber.verification(2, WAIT);
    assertThat(again.query().get("hub.challenge")).isNotEqualTo(firstChallenge);
    awaitSubscribed(subscriber.url("/cb"), topic);
    publish("After the restart");
    assertThat(subscriber.delivery(1, WAIT).text()).contains("After the restart");
  }

  /** Stops the server and starts it again on the same data, port and node name. */
  private void restart() {
    int port = java.net.URI.create(server.baseUrl()).getPort();
    server.close();
    server = null;
    var settings = new LinkedHashMap<>(SETTINGS);
    settings.put("port", Integer.toString(port));
    settings.put("public-url", "http://127.0.0.1:" + port);
    server = TestServer.start(dir, settings);
  }

  private void publish(String headline) {
    server.app().content().create(new StoryInput(null, null, headline, "", "Body", "city", List.of(), List.of(),
        "published"));
  }

  private void subscribeAndVerify(String callback, String topic, Map<String, String> extra) {
    var form = new LinkedHashMap<String, String>(extra);
    form.put("hub.callback", callback);
    form.put("hub.mode", "subscribe");
    form.put("hub.topic", topic);
    int before = subscriber.verifications().size();
    assertThat(subscribe(form).statusCode()).isEqualTo(202);
    subscriber.verification(before + 1, WAIT);
    awaitSubscribed(callback, topic);
  }

  private void awaitSubscribed(String callback, String topic) {
    Await.until(() -> store().webSubSubscription(callback, topic).isPresent(), WAIT, "verified subscription");
  }

  private HttpResponse<String> subscribe(Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/websub"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
