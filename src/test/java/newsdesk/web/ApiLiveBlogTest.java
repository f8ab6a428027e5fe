package newsdesk.web;

import static newsdesk.web.ApiTestSupport.STORIES;
import static newsdesk.web.ApiTestSupport.addEntry;
import static newsdesk.web.ApiTestSupport.createLive;
import static newsdesk.web.ApiTestSupport.json;
import static newsdesk.web.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.stream.StreamSupport;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Live-blog entries through the API: add, edit, pin (one at a time), key events, delete. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiLiveBlogTest {
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

  private JsonNode entries(String slug) {
    return json(server.editor("GET", STORIES + "/" + slug, null)).path("entries");
  }

  @Test
  void addedEntryIsRenderedAndReturned() {
    String slug = createLive(server, true).path("slug").asText();
    var r = server.editor("POST", STORIES + "/" + slug + "/entries",
        "{\"body\":\"**Breaking**: <script>x()</script>\",\"author\":\"A. Reporter\",\"keyEvent\":true}");
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode e = json(r);
    assertThat(e.path("bodyHtml").asText()).contains("<strong>Breaking</strong>").doesNotContain("<script");
    assertThat(e.path("author").asText()).isEqualTo("A. Reporter");
    assertThat(e.path("keyEvent").asBoolean()).isTrue();
    assertThat(e.path("pinned").asBoolean()).isFalse();
    assertThat(e.path("deleted").asBoolean()).isFalse();
    assertThat(entries(slug)).extracting(n -> n.path("id").asLong()).contains(e.path("id").asLong());
  }

  @Test
  void editChangesBodyAndSetsEditedAt() {
    String slug = createLive(server, true).path("slug").asText();
    JsonNode e = addEntry(server, slug, obj().put("body", "first draft"));
    assertThat(e.path("editedAt").isNull()).isTrue();
    var r = server.editor("PATCH", STORIES + "/" + slug + "/entries/" + e.path("id").asLong(), "{\"body\":\"fixed\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode u = json(r);
    assertThat(u.path("bodyHtml").asText()).isEqualTo("<p>fixed</p>");
    assertThat(u.path("editedAt").isTextual()).isTrue();
    assertThat(u.path("createdAt")).isEqualTo(e.path("createdAt"));
  }

  @Test
  void keyEventCanBeMarkedAndCleared() {
    String slug = createLive(server, true).path("slug").asText();
    long id = addEntry(server, slug, obj().put("body", "milestone")).path("id").asLong();
    String path = STORIES + "/" + slug + "/entries/" + id;
    assertThat(json(server.editor("PATCH", path, "{\"keyEvent\":true}")).path("keyEvent").asBoolean()).isTrue();
    JsonNode cleared = json(server.editor("PATCH", path, "{\"keyEvent\":false}"));
    assertThat(cleared.path("keyEvent").asBoolean()).isFalse();
    assertThat(cleared.path("editedAt").isNull()).as("flags are not an edit of the text").isTrue();
  }

  @Test
  void onlyOneEntryIsPinnedAtATime() {
    String slug = createLive(server, true).path("slug").asText();
    long a = addEntry(server, slug, obj().put("body", "a").put("pinned", true)).path("id").asLong();
    long b = addEntry(server, slug, obj().put("body", "b")).path("id").asLong();
    assertThat(pinned(slug)).containsExactly(a);

    long c = addEntry(server, slug, obj().put("body", "c").put("pinned", true)).path("id").asLong();
    assertThat(pinned(slug)).containsExactly(c);

    assertThat(server.editor("PATCH", STORIES + "/" + slug + "/entries/" + b, "{\"pinned\":true}").statusCode()).isEqualTo(200);
    assertThat(pinned(slug)).containsExactly(b);

    assertThat(server.editor("PATCH", STORIES + "/" + slug + "/entries/" + b, "{\"pinned\":false}").statusCode()).isEqualTo(200);
    assertThat(pinned(slug)).isEmpty();
    assertThat(a).isNotEqualTo(c);
  }

  private java.util.List<Long> pinned(String slug) {
    return StreamSupport.stream(entries(slug).spliterator(), false)
        .filter(n -> n.path("pinned").asBoolean())
        .map(n -> n.path("id").asLong())
        .toList();
  }

  @Test
  void deletedEntryIsMarkedDeletedAndUnpinned() {
    String slug = createLive(server, true).path("slug").asText();
    long id = addEntry(server, slug, obj().put("body", "oops").put("pinned", true)).path("id").asLong();
    var r = server.editor("DELETE", STORIES + "/" + slug + "/entries/" + id, null);
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    JsonNode e = StreamSupport.stream(entries(slug).spliterator(), false)
        .filter(n -> n.path("id").asLong() == id).findFirst().orElseThrow();
    assertThat(e.path("deleted").asBoolean()).isTrue();
    assertThat(pinned(slug)).isEmpty();
  }

  @Test
  void everyEntryChangeBumpsTheStorysUpdatedAt() {
    JsonNode live = createLive(server, true);
    String slug = live.path("slug").asText();
    String base = STORIES + "/" + slug;
    var times = new ArrayList<Instant>();
    times.add(Instant.parse(live.path("updatedAt").asText()));
    long id = addEntry(server, slug, obj().put("body", "one")).path("id").asLong();
    times.add(storyUpdatedAt(slug));
    server.editor("PATCH", base + "/entries/" + id, "{\"body\":\"one, edited\"}");
    times.add(storyUpdatedAt(slug));
    server.editor("PATCH", base + "/entries/" + id, "{\"pinned\":true}");
    times.add(storyUpdatedAt(slug));
    server.editor("DELETE", base + "/entries/" + id, null);
    times.add(storyUpdatedAt(slug));
    for (int i = 1; i < times.size(); i++) assertThat(times.get(i)).as("change %d", i).isAfter(times.get(i - 1));
  }

  private Instant storyUpdatedAt(String slug) {
    return Instant.parse(json(server.editor("GET", STORIES + "/" + slug, null)).path("updatedAt").asText());
  }

  @Test
  void entryWithoutAuthorIsCreditedToTheStorysAuthors() {
    var body = obj().put("kind", "live").put("status", "published");
    body.putArray("authors").add("Ana").add("Ben");
    var live = ApiTestSupport.createStory(server, body);
    assertThat(live.path("authors")).hasSize(2);
    JsonNode e = addEntry(server, live.path("slug").asText(), obj().put("body", "hello"));
    assertThat(e.path("author").asText()).isEqualTo("Ana, Ben");
  }
}
