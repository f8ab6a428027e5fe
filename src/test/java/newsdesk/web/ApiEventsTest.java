package newsdesk.web;

import static newsdesk.web.ApiTestSupport.STORIES;
import static newsdesk.web.ApiTestSupport.addEntry;
import static newsdesk.web.ApiTestSupport.createLive;
import static newsdesk.web.ApiTestSupport.createStory;
import static newsdesk.web.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import newsdesk.store.Event;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Each change a reader can see appends exactly one event to the durable log; drafts append none. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiEventsTest {
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

  private long mark() {
    return server.app().store().lastSeq();
  }

  private List<Event> since(long seq) {
    return server.app().store().eventsAfter(seq, 1000);
  }

  private List<String> typesSince(long seq) {
    return since(seq).stream().map(Event::type).toList();
  }

  @Test
  void eachVisibleStoryChangeEmitsExactlyOneEvent() {
    long m = mark();
    JsonNode s = createStory(server, obj().put("status", "published"));
    String path = STORIES + "/" + s.path("slug").asText();
    assertThat(typesSince(m)).containsExactly("story.published");

    m = mark();
    server.editor("PATCH", path, "{\"summary\":\"new\"}");
    assertThat(typesSince(m)).containsExactly("story.updated");

    m = mark();
    server.editor("POST", path + "/corrections", "{\"text\":\"fixed a date\"}");
    assertThat(typesSince(m)).containsExactly("story.corrected");

    m = mark();
    server.editor("POST", path + "/publish", null);
    assertThat(typesSince(m)).as("publishing a published story changes nothing").isEmpty();

    m = mark();
    server.editor("POST", path + "/retract", null);
    assertThat(typesSince(m)).containsExactly("story.retracted");
  }

  @Test
  void draftsEmitNothingPublicUntilPublished() {
    long m = mark();
    JsonNode s = createStory(server, obj());
    String path = STORIES + "/" + s.path("slug").asText();
    server.editor("PATCH", path, "{\"headline\":\"Draft headline\"}");
    server.editor("POST", path + "/corrections", "{\"text\":\"draft note\"}");
    JsonNode live = createLive(server, false);
    String ls = live.path("slug").asText();
    long id = addEntry(server, ls, obj().put("body", "draft entry")).path("id").asLong();
    server.editor("PATCH", STORIES + "/" + ls + "/entries/" + id, "{\"pinned\":true}");
    server.editor("DELETE", STORIES + "/" + ls + "/entries/" + id, null);
    // Only the desk hears of drafts: private events on the desk's own topic (decision 0165).
    String desk = server.baseUrl() + "/desk";
    assertThat(since(m)).isNotEmpty().allSatisfy(e -> {
      assertThat(e.type()).isEqualTo("desk.story");
      assertThat(e.privateUpdate()).isTrue();
      assertThat(e.topics()).containsExactly(desk);
    });

    server.editor("POST", path + "/publish", null);
    assertThat(since(m).stream().filter(e -> !e.privateUpdate()).map(Event::type)).containsExactly("story.published");
  }

  @Test
  void eachVisibleEntryChangeEmitsExactlyOneEvent() {
    String slug = createLive(server, true).path("slug").asText();
    String base = STORIES + "/" + slug + "/entries";
    long m = mark();
    long a = addEntry(server, slug, obj().put("body", "a").put("pinned", true)).path("id").asLong();
    long b = addEntry(server, slug, obj().put("body", "b").put("pinned", true)).path("id").asLong();
    assertThat(typesSince(m)).containsExactly("entry.added", "entry.added");

    m = mark();
    server.editor("PATCH", base + "/" + a, "{\"pinned\":true}");
    assertThat(typesSince(m)).as("re-pinning a unpins b in the same change").containsExactly("entry.edited");

    m = mark();
    server.editor("PATCH", base + "/" + b, "{\"keyEvent\":true,\"body\":\"b2\"}");
    assertThat(typesSince(m)).containsExactly("entry.edited");

    m = mark();
    server.editor("DELETE", base + "/" + b, null);
    assertThat(typesSince(m)).containsExactly("entry.deleted");
  }

  @Test
  void refusedRequestsEmitNothing() {
    JsonNode s = createStory(server, obj().put("status", "published"));
    String path = STORIES + "/" + s.path("slug").asText();
    long m = mark();
    server.editor("PATCH", path, "{\"headline\":\"\"}");
    server.editor("POST", path + "/entries", "{\"body\":\"x\"}");
    server.editor("POST", STORIES, obj().put("headline", "x").put("section", "world").put("slug", s.path("slug").asText())
        .put("status", "published").toString());
    server.send("PATCH", path, "{\"summary\":\"x\"}", null);
    assertThat(typesSince(m)).isEmpty();
  }

  @Test
  void eventsNameTheStoryPageSectionAndHomeAsTopics() {
    long m = mark();
    JsonNode s = createStory(server, obj().put("status", "published").put("section", "sport"));
    Event e = since(m).getFirst();
    assertThat(e.topics()).containsExactly(s.path("url").asText(), server.baseUrl() + "/sections/sport",
        server.baseUrl() + "/");
    assertThat(e.data()).contains("\"slug\":\"" + s.path("slug").asText() + "\"").doesNotContain("\"body\":");
  }
}
