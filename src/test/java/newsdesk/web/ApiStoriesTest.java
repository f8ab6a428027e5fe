package newsdesk.web;

import static newsdesk.web.ApiTestSupport.STORIES;
import static newsdesk.web.ApiTestSupport.createStory;
import static newsdesk.web.ApiTestSupport.json;
import static newsdesk.web.ApiTestSupport.obj;
import static newsdesk.web.ApiTestSupport.uniqueHeadline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import newsdesk.content.Slugs;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The story lifecycle through the API: create, list, read, patch, publish, retract, correct. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiStoriesTest {
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

  @Test
  void createWithoutStatusMakesADraftWithItsUrl() {
    var r = server.editor("POST", STORIES, obj().put("headline", "Council Approves Budget").put("section", "local")
        .put("summary", "A summary").put("body", "Some *body*").toString());
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode s = json(r);
    assertThat(s.path("status").asText()).isEqualTo("draft");
    assertThat(s.path("kind").asText()).isEqualTo("article");
    assertThat(s.path("slug").asText()).isEqualTo("council-approves-budget");
    assertThat(s.path("url").asText()).isEqualTo(server.baseUrl() + "/stories/council-approves-budget");
    assertThat(s.path("bodyHtml").asText()).contains("<em>body</em>");
    assertThat(s.path("publishedAt").isNull()).isTrue();
    assertThat(r.headers().firstValue("Location")).hasValue("/api/v1/stories/council-approves-budget");
  }

  @Test
  void createPublishedSetsPublishedAt() {
    var body = obj().put("status", "published").put("slug", "given-slug");
    body.putArray("tags").add("a").add("a").add("b");
    JsonNode s = createStory(server, body);
    assertThat(s.path("status").asText()).isEqualTo("published");
    assertThat(s.path("slug").asText()).isEqualTo("given-slug");
    assertThat(s.path("publishedAt").asText()).isEqualTo(s.path("updatedAt").asText());
    assertThat(s.path("tags")).extracting(JsonNode::asText).containsExactly("a", "b");
  }

  @Test
  void slugIsDerivedFromTheHeadlineAndMadeUnique() {
    String h = "Élan & Café: Storm Hits Coast!";
    var slugs = new ArrayList<String>();
    for (int i = 0; i < 3; i++) slugs.add(createStory(server, obj().put("headline", h)).path("slug").asText());
    assertThat(slugs).containsExactly("elan-cafe-storm-hits-coast", "elan-cafe-storm-hits-coast-2",
        "elan-cafe-storm-hits-coast-3");
    assertThat(createStory(server, obj().put("headline", "!!! ???")).path("slug").asText()).startsWith("story");
  }

  @Test
  void uniqueSlugOfAMaximumLengthHeadlineIsStillAValidSlug() {
    String h = "Word ".repeat(60).strip();
    String first = createStory(server, obj().put("headline", h)).path("slug").asText();
    String second = createStory(server, obj().put("headline", h)).path("slug").asText();
    assertThat(first).isNotEqualTo(second);
    assertThat(Slugs.isValid(first)).as(first).isTrue();
    assertThat(Slugs.isValid(second)).as(second).isTrue();
    assertThat(second).endsWith("-2");
    assertThat(json(server.editor("GET", STORIES + "/" + second, null)).path("slug").asText()).isEqualTo(second);
  }

  @Test
  void listFiltersBySectionAndStatusAndPagesWithACursor() {
    String section = "paging-" + Long.toString(System.nanoTime(), 36);
    var published = new ArrayList<String>();
    for (int i = 0; i < 5; i++) {
      published.add(createStory(server, obj().put("section", section).put("status", "published")).path("slug").asText());
    }
    String draft = createStory(server, obj().put("section", section)).path("slug").asText();

    var drafts = json(server.editor("GET", STORIES + "?section=" + section + "&status=draft", null));
    assertThat(drafts.path("items")).extracting(n -> n.path("slug").asText()).containsExactly(draft);
    assertThat(drafts.path("nextCursor").isNull()).isTrue();

    var seen = new ArrayList<String>();
    String cursor = null;
    int pages = 0;
    do {
      String q = "?section=" + section + "&status=published&limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
      var page = json(server.editor("GET", STORIES + q, null));
      page.path("items").forEach(n -> {
        assertThat(n.path("section").asText()).isEqualTo(section);
        assertThat(n.path("status").asText()).isEqualTo("published");
        seen.add(n.path("slug").asText());
      });
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(published.reversed());

    var all = json(server.editor("GET", STORIES + "?section=" + section, null));
    assertThat(all.path("items")).hasSize(6);
  }

  @Test
  void patchChangesOnlyTheGivenFields() {
    JsonNode s = createStory(server, obj().put("summary", "old summary").put("body", "old"));
    String path = STORIES + "/" + s.path("slug").asText();
    var r = server.editor("PATCH", path, "{\"headline\":\"New headline\",\"body\":\"**new**\",\"tags\":[\"x\"]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode u = json(r);
    assertThat(u.path("headline").asText()).isEqualTo("New headline");
    assertThat(u.path("slug").asText()).isEqualTo(s.path("slug").asText());
    assertThat(u.path("summary").asText()).isEqualTo("old summary");
    assertThat(u.path("bodyHtml").asText()).contains("<strong>new</strong>");
    assertThat(u.path("tags")).extracting(JsonNode::asText).containsExactly("x");
    assertThat(json(server.editor("GET", path, null))).isEqualTo(u);
  }

  @Test
  void publishRetractAndCorrectChangeTheStory() {
    JsonNode s = createStory(server, obj());
    String path = STORIES + "/" + s.path("slug").asText();
    JsonNode p = json(server.editor("POST", path + "/publish", null));
    assertThat(p.path("status").asText()).isEqualTo("published");
    assertThat(p.path("publishedAt").isTextual()).isTrue();
    var again = server.editor("POST", path + "/publish", null);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).path("updatedAt")).isEqualTo(p.path("updatedAt"));

    var c = server.editor("POST", path + "/corrections", "{\"text\":\"An earlier version misspelt a name.\"}");
    assertThat(c.statusCode()).isEqualTo(201);
    assertThat(json(c).path("corrections")).extracting(n -> n.path("text").asText())
        .containsExactly("An earlier version misspelt a name.");

    JsonNode r = json(server.editor("POST", path + "/retract", "{\"reason\":\"Sources withdrew.\"}"));
    assertThat(r.path("status").asText()).isEqualTo("retracted");
    assertThat(r.path("retraction").asText()).isEqualTo("Sources withdrew.");
    assertThat(r.path("publishedAt")).isEqualTo(p.path("publishedAt"));

    JsonNode other = createStory(server, obj().put("status", "published"));
    JsonNode plain = json(server.editor("POST", STORIES + "/" + other.path("slug").asText() + "/retract", null));
    assertThat(plain.path("retraction").asText()).isNotBlank();
  }

  @Test
  void updatedAtStrictlyIncreasesOnEveryVisibleChange() {
    JsonNode s = createStory(server, obj().put("status", "published"));
    String path = STORIES + "/" + s.path("slug").asText();
    var times = new ArrayList<Instant>();
    times.add(Instant.parse(s.path("updatedAt").asText()));
    for (int i = 0; i < 5; i++) {
      times.add(updatedAt(server.editor("PATCH", path, "{\"summary\":\"v" + i + "\"}")));
      times.add(updatedAt(server.editor("POST", path + "/corrections", "{\"text\":\"c" + i + "\"}")));
    }
    times.add(updatedAt(server.editor("POST", path + "/retract", null)));
    for (int i = 1; i < times.size(); i++) assertThat(times.get(i)).as("change %d", i).isAfter(times.get(i - 1));
  }

  @Test
  void updatedAtStrictlyIncreasesEvenForChangesWithinOneMillisecond() {
    var content = server.app().content();
    String slug = createStory(server, obj().put("status", "published")).path("slug").asText();
    var times = new ArrayList<Instant>();
    for (int i = 0; i < 20; i++) {
      times.add(content.update(slug, new newsdesk.content.StoryPatch(null, "s" + i, null, null, null, null)).updatedAt());
      times.add(content.correct(slug, "c" + i).updatedAt());
    }
    for (int i = 1; i < times.size(); i++) assertThat(times.get(i)).as("change %d", i).isAfter(times.get(i - 1));
  }

  static Instant updatedAt(java.net.http.HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    return Instant.parse(json(r).path("updatedAt").asText());
  }

  @Test
  void bodiesAreSanitised() {
    JsonNode s = createStory(server, obj().put("body",
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3)) <b>ok</b>"));
    String html = s.path("bodyHtml").asText();
    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("onerror")
        .doesNotContainIgnoringCase("javascript:").doesNotContain("alert").contains("<b>ok</b>");
    assertThat(s.path("body").asText()).contains("<script>");
  }

  @Test
  void getReturnsEntriesOnlyForLiveBlogs() {
    JsonNode article = createStory(server, obj());
    assertThat(json(server.editor("GET", STORIES + "/" + article.path("slug").asText(), null)).has("entries")).isFalse();
    JsonNode live = ApiTestSupport.createLive(server, false);
    var got = json(server.editor("GET", STORIES + "/" + live.path("slug").asText(), null));
    assertThat(got.path("entries").isArray()).isTrue();
    assertThat(got.path("kind").asText()).isEqualTo("live");
  }

  @Test
  void listDefaultsToTwentyNewestFirst() {
    String section = "many-" + Long.toString(System.nanoTime(), 36);
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 22; i++) made.add(createStory(server, obj().put("section", section)
        .put("headline", uniqueHeadline("Many"))).path("slug").asText());
    var page = json(server.editor("GET", STORIES + "?section=" + section, null));
    assertThat(page.path("items")).extracting(n -> n.path("slug").asText())
        .containsExactlyElementsOf(made.reversed().subList(0, 20));
    assertThat(page.path("nextCursor").isTextual()).isTrue();
  }
}
