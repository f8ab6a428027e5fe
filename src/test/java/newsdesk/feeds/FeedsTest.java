package newsdesk.feeds;

import static newsdesk.feeds.AtomDocument.link;
import static newsdesk.feeds.AtomDocument.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsdesk.content.ContentService;
import newsdesk.content.EntryInput;
import newsdesk.content.StoryInput;
import newsdesk.store.Story;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** Atom and JSON Feed over real HTTP: the formats' required parts, paging, changes and conditional GET. */
class FeedsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path dir;
  private TestServer server;
  private ContentService content;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
    content = server.app().content();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void siteFeedIsValidAtomWithEveryRequiredElementAndHidesDrafts() {
    Story a = story("Bridge reopens", "city", List.of("Ann Lee"));
    story("Comet seen", "science", List.of());
    content.create(new StoryInput(null, null, "Secret plan", "", "", "city", null, null, "draft"));

    var res = get("/feed.atom", Map.of());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/atom+xml; charset=utf-8");
    var atom = AtomDocument.parse(res.body());
    atom.assertValid();
    assertThat(text(atom.feed, "id")).isEqualTo(server.baseUrl() + "/feed.atom");
    assertThat(link(atom.feed, "self")).isEqualTo(server.baseUrl() + "/feed.atom");
    assertThat(link(atom.feed, "alternate")).isEqualTo(server.baseUrl() + "/");
    assertThat(atom.entries()).extracting(e -> text(e, "title")).containsExactly("Comet seen", "Bridge reopens");
    Element bridge = atom.entries().get(1);
    assertThat(text(bridge, "id")).isEqualTo(server.storyUrl(a.slug()));
    assertThat(text(bridge, "updated")).isEqualTo(a.updatedAt().toString());
    assertThat(text(AtomDocument.children(bridge, "author").get(0), "name")).isEqualTo("Ann Lee");
    assertThat(text(atom.feed, "updated")).isEqualTo(content.get("comet-seen").updatedAt().toString());
    assertThat(res.headers().allValues("Link")).contains("<" + server.baseUrl() + "/feed.atom>; rel=\"self\"");
  }

  @Test
  void jsonFeedHasEveryRequiredFieldAndFollowsLastUpdated() throws Exception {
    Story s = story("Flood warning", "weather", List.of());
    var res = get("/sections/weather/feed.json", Map.of());
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/feed+json; charset=utf-8");
    JsonNode feed = JSON.readTree(res.body());
    assertThat(feed.path("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
    assertThat(feed.path("title").asText()).isEqualTo("Weather — Newsdesk");
    assertThat(feed.path("home_page_url").asText()).isEqualTo(server.baseUrl() + "/sections/weather");
    assertThat(feed.path("feed_url").asText()).isEqualTo(server.baseUrl() + "/sections/weather/feed.json");
    assertThat(feed.path("items").isArray()).isTrue();
    JsonNode item = feed.path("items").get(0);
    assertThat(item.path("id").asText()).isEqualTo(server.storyUrl(s.slug()));
    assertThat(item.path("content_html").isTextual()).isTrue();
    assertThat(item.path("date_modified").asText()).isEqualTo(s.updatedAt().toString());

    Story corrected = content.correct(s.slug(), "The warning covers the river <Tay>, not the Tweed.");
    JsonNode after = JSON.readTree(get("/sections/weather/feed.json", Map.of()).body()).path("items").get(0);
    assertThat(after.path("date_modified").asText()).isEqualTo(corrected.updatedAt().toString())
        .isNotEqualTo(s.updatedAt().toString());
    assertThat(after.path("content_html").asText()).contains("Corrections", "river &lt;Tay&gt;, not the Tweed");
  }

  @Test
  void aRetractedStoryShowsItsRetractionInsteadOfItsBody() {
    Story s = story("Minister resigns", "politics", List.of());
    content.retract(s.slug(), "The report was false.");
    Element e = AtomDocument.parse(get("/feed.atom", Map.of()).body()).entries().get(0);
    assertThat(text(e, "title")).isEqualTo("Retracted: Minister resigns");
    assertThat(text(e, "content")).contains("Retracted:", "The report was false.").doesNotContain("Body of");
  }

  @Test
  void pagesFollowNextLinksThroughEveryStoryOnceInBothFormats() throws Exception {
    var made = new ArrayList<String>();
    for (int i = 0; i < FeedSource.PAGE_SIZE + 5; i++) made.add(story("Story number " + i, "city", List.of()).slug());

    var atomIds = new ArrayList<String>();
    String next = server.baseUrl() + "/sections/city/feed.atom";
    int pages = 0;
    while (next != null) {
      var atom = AtomDocument.parse(getUrl(next, Map.of()).body());
      atom.assertValid();
      assertThat(link(atom.feed, "first")).isEqualTo(server.baseUrl() + "/sections/city/feed.atom");
      atom.entries().forEach(e -> atomIds.add(text(e, "id")));
      next = link(atom.feed, "next");
      pages++;
    }
    assertThat(pages).isEqualTo(2);
    assertThat(atomIds).containsExactlyElementsOf(made.reversed().stream().map(server::storyUrl).toList());

    var jsonIds = new ArrayList<String>();
    String url = server.baseUrl() + "/sections/city/feed.json";
    while (url != null) {
      JsonNode feed = JSON.readTree(getUrl(url, Map.of()).body());
      feed.path("items").forEach(i -> jsonIds.add(i.path("id").asText()));
      url = feed.hasNonNull("next_url") ? feed.path("next_url").asText() : null;
    }
    assertThat(jsonIds).isEqualTo(atomIds);
    assertThat(get("/feed.atom?before=abc", Map.of()).statusCode()).isEqualTo(400);
  }

  @Test
  void aLiveBlogsFeedListsItsEntriesNewestFirstWithItsCorrections() throws Exception {
    Story live = content.create(new StoryInput(null, "live", "Election night", "Results as they come", "", "politics",
        null, List.of("Desk"), "published"));
    content.addEntry(live.slug(), new EntryInput("Polls close.", "Sam", false, false));
    var second = content.addEntry(live.slug(), new EntryInput("First result in.", null, true, false));
    content.correct(live.slug(), "An earlier entry gave the wrong turnout.");

    var atom = AtomDocument.parse(get("/stories/" + live.slug() + "/feed.atom", Map.of()).body());
    atom.assertValid();
    assertThat(atom.entries()).extracting(e -> text(e, "title"))
        .containsExactly("First result in.", "Polls close.", "Correction: Election night");
    assertThat(text(atom.entries().get(0), "id")).isEqualTo(server.storyUrl(live.slug()) + "#entry-" + second.id());
    assertThat(text(atom.feed, "updated")).isEqualTo(content.get(live.slug()).updatedAt().toString());
    JsonNode json = JSON.readTree(get("/stories/" + live.slug() + "/feed.json", Map.of()).body());
    assertThat(json.path("items")).hasSize(3);
    assertThat(json.path("items").get(0).path("tags").get(0).asText()).isEqualTo("key-event");

    Story article = story("Plain article", "city", List.of());
    assertThat(get("/stories/" + article.slug() + "/feed.atom", Map.of()).statusCode()).isEqualTo(404);
    assertThat(get("/stories/nope/feed.json", Map.of()).statusCode()).isEqualTo(404);
    assertThat(get("/sections/Not_A_Section/feed.atom", Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void conditionalGetAnswers304UntilTheFeedChanges() {
    Story s = story("Quiet day", "city", List.of());
    var first = get("/feed.atom", Map.of());
    String etag = first.headers().firstValue("ETag").orElseThrow();
    String modified = first.headers().firstValue("Last-Modified").orElseThrow();

    var byTag = get("/feed.atom", Map.of("If-None-Match", etag));
    assertThat(byTag.statusCode()).isEqualTo(304);
    assertThat(byTag.body()).isEmpty();
    assertThat(byTag.headers().firstValue("ETag")).hasValue(etag);
    assertThat(get("/feed.atom", Map.of("If-Modified-Since", modified)).statusCode()).isEqualTo(304);
    assertThat(get("/feed.atom", Map.of("If-None-Match", "\"other\"", "If-Modified-Since", modified)).statusCode())
        .as("If-None-Match decides when both are sent").isEqualTo(200);
    assertThat(get("/feed.json", Map.of("If-None-Match", etag)).statusCode()).as("each format its own tag").isEqualTo(200);

    content.correct(s.slug(), "It was a Tuesday.");
    var changed = get("/feed.atom", Map.of("If-None-Match", etag));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
  }

  @Test
  void pagesAndFeedsAdvertiseEachOther() throws Exception {
    Story s = story("Linked up", "city", List.of());
    assertThat(get("/", Map.of()).body()).contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Newsdesk — latest news\" href=\""
            + server.baseUrl() + "/feed.atom\">",
        "type=\"application/feed+json\" title=\"Newsdesk — latest news\" href=\"" + server.baseUrl() + "/feed.json\"");
    assertThat(get("/sections/city", Map.of()).body()).contains("href=\"" + server.baseUrl() + "/sections/city/feed.atom\"");
    assertThat(get("/stories/" + s.slug(), Map.of()).body()).contains("href=\"" + server.baseUrl() + "/sections/city/feed.json\"");
    var atom = AtomDocument.parse(get("/sections/city/feed.atom", Map.of()).body());
    assertThat(link(atom.feed, "alternate")).isEqualTo(server.baseUrl() + "/sections/city");
    assertThat(link(atom.entries().get(0), "alternate")).isEqualTo(server.storyUrl(s.slug()));
    assertThat(JSON.readTree(get("/sections/city/feed.json", Map.of()).body()).path("items").get(0).path("url").asText())
        .isEqualTo(server.storyUrl(s.slug()));
  }

  private Story story(String headline, String section, List<String> authors) {
    return content.create(new StoryInput(null, null, headline, "About " + headline, "Body of " + headline, section,
        List.of(), authors, "published"));
  }

  private HttpResponse<String> get(String path, Map<String, String> headers) {
    return getUrl(server.baseUrl() + path, headers);
  }

  private static HttpResponse<String> getUrl(String url, Map<String, String> headers) {
    var b = HttpRequest.newBuilder(URI.create(url));
    headers.forEach(b::header);
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
