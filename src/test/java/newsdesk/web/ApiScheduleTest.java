package newsdesk.web;

import static newsdesk.web.ApiTestSupport.STORIES;
import static newsdesk.web.ApiTestSupport.assertProblem;
import static newsdesk.web.ApiTestSupport.createStory;
import static newsdesk.web.ApiTestSupport.json;
import static newsdesk.web.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import newsdesk.store.Event;
import newsdesk.testing.Await;
import newsdesk.testing.SseClient;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Scheduling through the API: the refusals, publishing at the time, unscheduling, publishing ahead by hand. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiScheduleTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir static Path dir;
  TestServer server;

  @BeforeAll
  void start() {
    server = TestServer.start(dir);
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  private HttpResponse<String> schedule(String slug, Object at) {
    return server.editor("POST", STORIES + "/" + slug + "/schedule", obj().put("at", at.toString()).toString());
  }

  private JsonNode story(String slug) {
    return json(server.editor("GET", STORIES + "/" + slug, null));
  }

  private String draft() {
    return createStory(server, obj()).path("slug").asText();
  }

  private long publishedEvents(String slug) {
    return server.app().store().eventsAfter(0, 100_000).stream()
        .filter(e -> e.type().equals("story.published") && e.topics().contains(server.storyUrl(slug))).count();
  }

  @Test
  void timesInThePastTooFarAheadOrNotRfc3339AreRefusedAndChangeNothing() {
    String slug = draft();
    Instant now = Instant.now();
    assertProblem(schedule(slug, now.minusSeconds(60)), 422, "at");
    assertProblem(schedule(slug, now.plus(Duration.ofDays(367))), 422, "at");
    assertProblem(schedule(slug, "tomorrow at six"), 422, "at");
    assertProblem(schedule(slug, "2030-12-01T06:00:00"), 422, "at"); // no offset: which six o'clock?
    assertProblem(server.editor("POST", STORIES + "/" + slug + "/schedule", "{}"), 422, "at");
    assertProblem(server.editor("POST", STORIES + "/" + slug + "/schedule", "{\"at\":42}"), 422, "at");
    assertProblem(server.editor("POST", STORIES + "/" + slug + "/schedule",
        obj().put("at", now.plusSeconds(600).toString()).put("when", "now").toString()), 422, "when");
    assertProblem(server.editor("POST", STORIES + "/" + slug + "/schedule", "not json"), 400);
    assertProblem(schedule("no-such-story", now.plusSeconds(600)), 404);
    assertThat(story(slug).path("status").asText()).isEqualTo("draft");

    String published = createStory(server, obj().put("status", "published")).path("slug").asText();
    assertProblem(schedule(published, now.plusSeconds(600)), 409);
    assertProblem(server.editor("DELETE", STORIES + "/" + published + "/schedule", null), 409);
  }

  @Test
  void aScheduledStoryIsListedAsScheduledAndPublishesItselfWithinASecondOfItsTime() {
    String slug = draft();
    String at = Instant.now().plusMillis(1500).toString();
    try (var reader = SseClient.connect(server.baseUrl(), null, server.baseUrl() + "/")) {
      var r = schedule(slug, at);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      Instant due = Instant.parse(json(r).path("scheduledAt").asText());
      assertThat(json(r).path("status").asText()).isEqualTo("scheduled");
      assertThat(due).isEqualTo(Instant.parse(at).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
      var listed = json(server.editor("GET", STORIES + "?status=scheduled", null)).path("items");
      assertThat(listed.findValuesAsText("slug")).contains(slug);
      assertThat(server.send("GET", "/stories/" + slug, null, null).statusCode()).as("readers do not see it yet").isEqualTo(404);

      SseClient.Message m = reader.next(WAIT);
      long arrived = System.currentTimeMillis();
      assertThat(m.event()).isEqualTo("story.published");
      assertThat(m.data()).contains(slug);
      JsonNode s = story(slug);
      assertThat(s.path("status").asText()).isEqualTo("published");
      assertThat(s.has("scheduledAt")).isFalse();
      long late = Duration.between(due, Instant.parse(s.path("publishedAt").asText())).toMillis();
      System.out.printf("scheduled publish: committed %d ms after its time, reached a reader %d ms after%n",
          late, arrived - due.toEpochMilli());
      assertThat(late).as("published at, not before, and within a second").isBetween(0L, 999L);
      assertThat(arrived - due.toEpochMilli()).as("a reader has it within a second and a half").isLessThan(1500L);
    }
    assertThat(server.send("GET", "/stories/" + slug, null, null).statusCode()).isEqualTo(200);
    assertThat(server.send("GET", "/feed.json", null, null).body()).contains(slug);
    assertThat(server.send("GET", "/metrics", null, null).body()).as("the lateness measured where it published")
        .containsPattern("(?m)^newsdesk_scheduled_lateness_seconds_count [1-9]");
    assertThat(publishedEvents(slug)).isEqualTo(1);
  }

  @Test
  void unschedulingReturnsADraftThatStaysUnpublished() {
    String slug = draft();
    String later = draft();
    assertThat(schedule(slug, Instant.now().plusSeconds(1)).statusCode()).isEqualTo(200);
    var r = server.editor("DELETE", STORIES + "/" + slug + "/schedule", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).path("status").asText()).isEqualTo("draft");
    assertThat(json(r).has("scheduledAt")).isFalse();
    // A story scheduled after the first one's old time: once it is out, the first would be too.
    assertThat(schedule(later, Instant.now().plusSeconds(2)).statusCode()).isEqualTo(200);
    Await.until(() -> story(later).path("status").asText().equals("published"), WAIT, "the later story publishes");
    assertThat(story(slug).path("status").asText()).isEqualTo("draft");
    assertThat(publishedEvents(slug)).isZero();
    assertThat(server.editor("DELETE", STORIES + "/" + slug + "/schedule", null).statusCode()).as("a draft as it is")
        .isEqualTo(200);
  }

  @Test
  void publishingByHandCancelsTheScheduleAndMovingTheTimeKeepsOneSchedule() {
    String slug = draft();
    String later = draft();
    assertThat(schedule(slug, Instant.now().plusSeconds(600)).statusCode()).isEqualTo(200);
    var moved = schedule(slug, Instant.now().plusSeconds(1));
    assertThat(json(moved).path("status").asText()).isEqualTo("scheduled");
    var r = server.editor("POST", STORIES + "/" + slug + "/publish", null);
    assertThat(json(r).path("status").asText()).isEqualTo("published");
    assertThat(json(r).has("scheduledAt")).isFalse();
    String publishedAt = json(r).path("publishedAt").asText();
    assertThat(schedule(later, Instant.now().plusSeconds(2)).statusCode()).isEqualTo(200);
    Await.until(() -> story(later).path("status").asText().equals("published"), WAIT, "the later story publishes");
    assertThat(story(slug).path("publishedAt").asText()).as("not published again").isEqualTo(publishedAt);
    assertThat(publishedEvents(slug)).isEqualTo(1);
    assertThat(story(slug).has("scheduledAt")).isFalse();
  }

  @Test
  void aScheduleSentWithAStaleIfMatchIsRefusedAndAFreshOneTakesTheNewVersion() {
    String slug = draft();
    String etag = server.editor("GET", STORIES + "/" + slug, null).headers().firstValue("ETag").orElseThrow();
    assertThat(server.editor("PATCH", STORIES + "/" + slug, "{\"summary\":\"moved on\"}").statusCode()).isEqualTo(200);
    String at = obj().put("at", Instant.now().plusSeconds(600).toString()).toString();
    var stale = TestServer.exchange(TestServer.requestBuilder("POST", server.baseUrl() + STORIES + "/" + slug + "/schedule",
        at, server.editorToken()).header("If-Match", etag).build());
    assertProblem(stale, 412);
    assertThat(story(slug).path("status").asText()).isEqualTo("draft");
    String fresh = server.editor("GET", STORIES + "/" + slug, null).headers().firstValue("ETag").orElseThrow();
    var ok = TestServer.exchange(TestServer.requestBuilder("POST", server.baseUrl() + STORIES + "/" + slug + "/schedule",
        at, server.editorToken()).header("If-Match", fresh).build());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(fresh);
    var back = TestServer.exchange(TestServer.requestBuilder("DELETE", server.baseUrl() + STORIES + "/" + slug + "/schedule",
        null, server.editorToken()).header("If-Match", fresh).build());
    assertProblem(back, 412);
  }

  @Test
  void aStoryInReviewCanBeScheduled() {
    String slug = draft();
    assertThat(server.editor("POST", STORIES + "/" + slug + "/submit", null).statusCode()).isEqualTo(200);
    var r = schedule(slug, Instant.now().plusSeconds(600));
    assertThat(json(r).path("status").asText()).as(r.body()).isEqualTo("scheduled");
  }

  @Test
  void aScheduleChangeIsAPrivateNoticeThatNoReaderGets() {
    String slug = draft();
    long before = server.app().store().lastSeq();
    assertThat(schedule(slug, Instant.now().plusSeconds(600)).statusCode()).isEqualTo(200);
    assertThat(server.editor("DELETE", STORIES + "/" + slug + "/schedule", null).statusCode()).isEqualTo(200);
    var notices = server.app().store().eventsAfter(before, 10);
    // The desk's own announcements of the draft's status (desk.story, decision 0165) go beside them.
    assertThat(notices.stream().map(Event::type).filter(t -> !t.equals("desk.story")))
        .containsExactly("story.scheduled", "story.unscheduled");
    assertThat(notices).allSatisfy(e -> {
      assertThat(e.privateUpdate()).isTrue();
      assertThat(e.topics()).containsExactly(server.baseUrl() + "/desk");
      assertThat(e.data()).doesNotContain("Story "); // the slug and the time, not the headline
    });
  }
}
