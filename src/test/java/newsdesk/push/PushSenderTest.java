package newsdesk.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import newsdesk.push.PushResult.Outcome;
import newsdesk.testing.LocalPushService;
import newsdesk.testing.LocalPushService.Answer;
import newsdesk.testing.PushSubscriber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PushSenderTest {
  private final VapidKeys keys = VapidKeys.generate();
  private final LocalPushService service = LocalPushService.start();
  private final PushSender sender =
      new PushSender(new VapidJwt(keys, "mailto:newsroom@example.org", Clock.systemUTC()), 4, Duration.ofSeconds(10));

  @AfterEach
  void close() {
    sender.close();
    service.close();
  }

  private PushMessage message(String text) {
    return new PushMessage(text.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(600), Urgency.HIGH, "story-abc");
  }

  private PushTarget target(PushSubscriber s, String endpoint) {
    return PushTarget.of(endpoint, s.p256dh(), s.auth());
  }

  @Test
  void aMessagePassesEveryCheckOfThePushServiceAndDecryptsWithTheSubscribersKey() {
    var sub = PushSubscriber.create();
    String endpoint = service.subscribe(sub, keys.publicKeyBase64());

    PushResult r = sender.send(target(sub, endpoint), message("{\"title\":\"Bridge reopens\"}"));

    assertThat(r.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(service.violations()).isEmpty();
    var got = service.receivedBy(endpoint);
    assertThat(got).hasSize(1);
    assertThat(got.get(0).plaintext()).isEqualTo("{\"title\":\"Bridge reopens\"}");
    assertThat(got.get(0).headers()).containsEntry("TTL", "600").containsEntry("Urgency", "high")
        .containsEntry("Topic", "story-abc").containsEntry("Content-Encoding", "aes128gcm");
  }

  @Test
  void eachScriptedAnswerIsSortedIntoWhatToDoNext() {
    var sub = PushSubscriber.create();
    String endpoint = service.subscribe(sub, keys.publicKeyBase64());
    service.script(endpoint, new Answer(404, null), new Answer(410, null), new Answer(413, null),
        new Answer(429, "7"), new Answer(500, null), new Answer(400, null), new Answer(401, null), new Answer(403, null));
    var t = target(sub, endpoint);

    assertThat(sender.send(t, message("a")).outcome()).isEqualTo(Outcome.GONE);
    assertThat(sender.send(t, message("a")).outcome()).isEqualTo(Outcome.GONE);
    PushResult tooLarge = sender.send(t, message("a"));
    assertThat(tooLarge.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(tooLarge.detail()).isEqualTo("scripted 413");
    PushResult limited = sender.send(t, message("a"));
    assertThat(limited.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(sender.send(t, message("a")).outcome()).isEqualTo(Outcome.TRANSIENT);
    assertThat(sender.send(t, message("a")).outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(sender.send(t, message("a")).outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(sender.send(t, message("a")).outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(sender.send(t, message("a")).outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(service.violations()).isEmpty();
  }

  @Test
  void aServiceThatIsNotListeningIsATransientFailure() {
    var sub = PushSubscriber.create();
    int port = newsdesk.testing.TestServer.freePort();
    PushResult r = sender.send(PushTarget.of("http://127.0.0.1:" + port + "/push/x", sub.p256dh(), sub.auth()), message("a"));
    assertThat(r.outcome()).isEqualTo(Outcome.TRANSIENT);
    assertThat(r.status()).isZero();
  }

  @Test
  void aSubscriptionMadeWithAnotherServersKeyIsRefusedByTheService() {
    var sub = PushSubscriber.create();
    String endpoint = service.subscribe(sub, VapidKeys.generate().publicKeyBase64());
    PushResult r = sender.send(target(sub, endpoint), message("a"));
    assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(r.status()).isEqualTo(401);
    assertThat(service.violations()).singleElement().asString().contains("k is not the key");
  }

  @Test
  void theVapidTokenIsSignedOncePerOriginAndRenewedBeforeItExpires() {
    var clock = new newsdesk.testing.MutableClock();
    var jwt = new VapidJwt(keys, "https://example.org/contact", clock);
    String first = jwt.authorization("https://push.example.net");
    assertThat(jwt.authorization("https://push.example.net")).isEqualTo(first);
    assertThat(jwt.authorization("https://other.example.net")).isNotEqualTo(first);
    clock.advance(VapidJwt.LIFETIME.minus(VapidJwt.RENEW_BEFORE).minusSeconds(1));
    assertThat(jwt.authorization("https://push.example.net")).isEqualTo(first);
    clock.advance(Duration.ofSeconds(2));
    assertThat(jwt.authorization("https://push.example.net")).isNotEqualTo(first);
    assertThat(first).startsWith("vapid t=").endsWith(", k=" + keys.publicKeyBase64());
  }

  @Test
  void originDropsThePathAndDefaultPorts() {
    assertThat(VapidJwt.origin(java.net.URI.create("https://Fcm.Example.com:443/wp/abc?x=1"))).isEqualTo("https://fcm.example.com");
    assertThat(VapidJwt.origin(java.net.URI.create("http://127.0.0.1:8123/push/1"))).isEqualTo("http://127.0.0.1:8123");
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    assertThat(PushSender.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
    assertThat(PushSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(PushSender.retryAfter("soon")).isNull();
    assertThat(PushSender.retryAfter(null)).isNull();
  }
}
