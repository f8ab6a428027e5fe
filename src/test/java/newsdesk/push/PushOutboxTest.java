package newsdesk.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import newsdesk.content.EntryInput;
import newsdesk.content.EntryPatch;
import newsdesk.content.StoryInput;
import newsdesk.store.Story;
import newsdesk.testing.Await;
import newsdesk.testing.LocalPushService;
import newsdesk.testing.LocalPushService.Answer;
import newsdesk.testing.PushSubscriber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushOutboxTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  @TempDir Path dir;
  private PushFixture f;

  private PushFixture fixture(int maxAttempts) {
    f = new PushFixture(dir, maxAttempts);
    return f;
  }

  @AfterEach
  void close() {
    if (f != null) f.close();
  }

  private Story story(String headline, String section, String kind) {
    return f.content.create(new StoryInput(null, kind, headline, "A summary of " + headline, "Body.", section,
        List.of(), List.of(), "published"));
  }

  private void awaitSettled() {
    Await.until(() -> {
      var c = f.store.pushDeliveryCounts();
      return c.get("pending") == 0 && c.get("in_flight") == 0;
    }, WAIT, "every delivery is sent, failed or gone");
  }

  @Test
  void aBreakingAlertReachesEachFollowerOnceAndNobodyElse() {
    fixture(3).startOutbox();
    Story s = story("Bridge closed after crash", "city", "article");
    String breaking = f.subscribe(PushSubscriber.create(), "breaking");
    String city = f.subscribe(PushSubscriber.create(), "section:city");
    String both = f.subscribe(PushSubscriber.create(), "breaking", "section:city");
    String other = f.subscribe(PushSubscriber.create(), "section:sport", "live:some-blog");

    var queued = f.push.breaking(s, "Bridge closed", "Police have closed the bridge in both directions.", "city");

    assertThat(queued.deliveries()).isEqualTo(3);
    awaitSettled();
    for (String e : List.of(breaking, city, both)) {
      var got = f.service.receivedBy(e);
      assertThat(got).as(e).hasSize(1);
      var json = got.get(0).json();
      assertThat(json.get("title").asText()).isEqualTo("Bridge closed");
      assertThat(json.get("body").asText()).isEqualTo("Police have closed the bridge in both directions.");
      assertThat(json.get("url").asText()).isEqualTo("https://news.example.org/stories/" + s.slug());
      assertThat(json.get("icon").asText()).isEqualTo("/assets/icon.svg");
      assertThat(got.get(0).headers()).containsEntry("Urgency", "high").containsEntry("TTL", "600")
          .containsEntry("Topic", PushService.topicHeader(s));
    }
    assertThat(f.service.requestsTo(other)).isZero();
    assertThat(f.service.violations()).isEmpty();
    assertThat(f.counter("newsdesk_push_sent")).isEqualTo(3);
    assertThat(f.store.pushSubscription(breaking).orElseThrow().lastSuccessAt()).isNotNull();
  }

  @Test
  void aStoryPublishedInAFollowedSectionAndALiveBlogsKeyEventsAreSentToTheirFollowers() {
    fixture(3).startOutbox();
    String city = f.subscribe(PushSubscriber.create(), "section:city");
    Story blog = story("Election night live", "politics", "live");
    String live = f.subscribe(PushSubscriber.create(), "live:" + blog.slug());

    Story s = story("New tram line opens", "city", "article");
    f.content.addEntry(blog.slug(), new EntryInput("Polls have closed.", null, true, null));
    var plain = f.content.addEntry(blog.slug(), new EntryInput("Turnout looks high.", null, false, null));
    f.content.editEntry(blog.slug(), plain.id(), new EntryPatch(null, true, null));
    f.content.addEntry(blog.slug(), new EntryInput("Just colour.", null, false, null));

    Await.until(() -> f.service.receivedBy(live).size() == 2 && f.service.receivedBy(city).size() == 1, WAIT,
        "the section story and both key events arrive");
    awaitSettled();
    var story = f.service.receivedBy(city).get(0);
    assertThat(story.json().get("kind").asText()).isEqualTo("story");
    assertThat(story.json().get("title").asText()).isEqualTo(s.headline());
    assertThat(story.headers()).containsEntry("Urgency", "normal");
    var keys = f.service.receivedBy(live).stream().map(r -> r.json().get("body").asText()).toList();
    assertThat(keys).containsExactlyInAnyOrder("Polls have closed.", "Turnout looks high.");
    assertThat(f.service.receivedBy(live).get(0).json().get("url").asText()).contains("#entry-");
  }

  @Test
  void subscriptionsThePushServiceSaysAreGoneAreDeleted() {
    fixture(3).startOutbox();
    Story s = story("Storm warning", "weather", "article");
    String gone = f.subscribe(PushSubscriber.create(), "breaking");
    String notFound = f.subscribe(PushSubscriber.create(), "breaking");
    String fine = f.subscribe(PushSubscriber.create(), "breaking");
    f.service.script(gone, new Answer(410, null));
    f.service.script(notFound, new Answer(404, null));

    f.push.breaking(s, "Storm warning", "Stay indoors.", null);

    awaitSettled();
    assertThat(f.store.pushSubscription(gone)).isEmpty();
    assertThat(f.store.pushSubscription(notFound)).isEmpty();
    assertThat(f.store.pushSubscription(fine)).isPresent();
    assertThat(f.counter("newsdesk_push_subscriptions_expired")).isEqualTo(2);
    f.push.breaking(s, "Storm update", "Still windy.", null);
    awaitSettled();
    assertThat(f.service.requestsTo(gone)).isEqualTo(1);
    assertThat(f.service.requestsTo(fine)).isEqualTo(2);
  }

  @Test
  void serverErrorsAreRetriedWithGrowingBackOffUntilTheServiceTakesTheMessage() {
    fixture(4).startOutbox();
    Story s = story("Power cut", "city", "article");
    String e = f.subscribe(PushSubscriber.create(), "breaking");
    f.service.script(e, new Answer(500, null), new Answer(503, null));

    f.push.breaking(s, "Power cut", "Across the east side.", null);

    Await.until(() -> f.service.receivedBy(e).size() == 1, WAIT, "the third attempt is taken");
    awaitSettled();
    var times = f.service.requestTimes(e);
    assertThat(times).hasSize(3);
    // back-off is base·2^(n−1) with half of it random: at least 20 ms, then at least 40 ms
    assertThat(Duration.between(times.get(0), times.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(20));
    assertThat(Duration.between(times.get(1), times.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(40));
    assertThat(f.counter("newsdesk_push_retried")).isEqualTo(2);
    assertThat(f.counter("newsdesk_push_sent")).isEqualTo(1);
  }

  @Test
  void attemptsAreBoundedAndThenTheDeliveryFails() {
    fixture(3).startOutbox();
    Story s = story("Flood", "city", "article");
    String e = f.subscribe(PushSubscriber.create(), "breaking");
    f.service.script(e, new Answer(500, null), new Answer(500, null), new Answer(500, null), new Answer(500, null));

    f.push.breaking(s, "Flood", "River bursts its banks.", null);

    awaitSettled();
    assertThat(f.service.requestsTo(e)).isEqualTo(3);
    assertThat(f.store.pushDeliveryCounts().get("failed")).isEqualTo(1);
    assertThat(f.store.pushSubscription(e).orElseThrow().lastFailureAt()).isNotNull();
    assertThat(f.counter("newsdesk_push_failed")).isEqualTo(1);
  }

  @Test
  void tooManyRequestsWaitsAtLeastRetryAfter() {
    fixture(3).startOutbox();
    Story s = story("Strike", "city", "article");
    String e = f.subscribe(PushSubscriber.create(), "breaking");
    f.service.script(e, new Answer(429, "1"));

    f.push.breaking(s, "Strike called", "Buses stop at noon.", null);

    Await.until(() -> f.service.receivedBy(e).size() == 1, WAIT, "the retry after Retry-After is taken");
    var times = f.service.requestTimes(e);
    assertThat(Duration.between(times.get(0), times.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void refusalsThatWouldNeverWorkAreNotRetried() {
    fixture(5).startOutbox();
    Story s = story("Fire", "city", "article");
    String tooLarge = f.subscribe(PushSubscriber.create(), "breaking");
    String bad = f.subscribe(PushSubscriber.create(), "breaking");
    String forbidden = f.subscribe(PushSubscriber.create(), "breaking");
    f.service.script(tooLarge, new Answer(413, null));
    f.service.script(bad, new Answer(400, null));
    f.service.script(forbidden, new Answer(403, null));

    f.push.breaking(s, "Fire", "Crews at the scene.", null);

    awaitSettled();
    for (String e : List.of(tooLarge, bad, forbidden)) assertThat(f.service.requestsTo(e)).isEqualTo(1);
    assertThat(f.store.pushDeliveryCounts().get("failed")).isEqualTo(3);
    assertThat(f.store.pushSubscription(bad)).isPresent();
  }

  @Test
  void aRestartInTheMiddleOfASendLosesNoAlertAndResendsNothingAlreadyTaken() {
    fixture(3);
    Story s = story("Evacuation ordered", "city", "article");
    var taken = new java.util.ArrayList<String>();
    var onTheWire = new java.util.ArrayList<String>();
    for (int i = 0; i < 6; i++) taken.add(f.subscribe(PushSubscriber.create(), "breaking"));
    for (int i = 0; i < 4; i++) {
      String e = f.subscribe(PushSubscriber.create(), "breaking");
      f.service.script(e, new Answer(LocalPushService.HANG, null));
      onTheWire.add(e);
    }
    var first = f.startOutbox();
    f.push.breaking(s, "Evacuation ordered", "Leave the riverside now.", null);
    Await.until(() -> f.store.pushDeliveryCounts().get("sent") == 6 && f.service.hungCount() == 4, WAIT,
        "six taken and recorded, four on the wire");

    first.halt(); // the process dies: nothing more is recorded
    f.service.dropHung(); // ...and its connections with it
    assertThat(f.store.pushDeliveryCounts().get("in_flight")).isEqualTo(4);

    f.startOutbox(); // the next process
    awaitSettled();
    for (String e : taken) assertThat(f.service.requestsTo(e)).as("taken before the crash").isEqualTo(1);
    for (String e : onTheWire) assertThat(f.service.receivedBy(e)).as("on the wire at the crash").hasSize(1);
    assertThat(f.service.received()).hasSize(10);
    assertThat(f.store.pushDeliveryCounts().get("sent")).isEqualTo(10);
  }

  @Test
  void anAlertWithAHugeTextIsShortenedNotRefused() {
    fixture(3).startOutbox();
    Story s = story("Long read", "city", "article");
    String e = f.subscribe(PushSubscriber.create(), "breaking");
    f.push.breaking(s, "Ü".repeat(300), "ö ".repeat(5_000), null);
    awaitSettled();
    var got = f.service.receivedBy(e);
    assertThat(got).hasSize(1);
    assertThat(got.get(0).plaintext().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(Aes128Gcm.MAX_PLAINTEXT);
    assertThat(got.get(0).json().get("body").asText()).endsWith("…");
  }
}
