package newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsdesk.content.ContentJson;
import newsdesk.content.SampleContent;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader pages over plain HTTP: what a browser without JavaScript (or a crawler) receives. */
class ReaderPagesTest {
  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void homeListsPublishedStoriesNewestFirstAndHidesDrafts() {
    create(article("Older published story", "city", "published"));
    create(article("Newer published story", "science", "published"));
    create(article("Secret draft story", "city", "draft"));

    var res = get("/");
    assertThat(res.statusCode()).isEqualTo(200);
    String html = res.body();
    assertThat(html).contains("Older published story", "Newer published story").doesNotContain("Secret draft story");
    assertThat(html.indexOf("Newer published story")).isLessThan(html.indexOf("Older published story"));
    assertThat(html).contains("id=\"story-list\"", "href=\"" + server.baseUrl() + "/sections/science\"",
        "href=\"" + server.storyUrl("newer-published-story") + "\"", "<time class=\"updated\" datetime=\"");
  }

  @Test
  void everyPageIsNoCacheHtmlWithTheLockedDownSecurityHeaders() {
    create(article("Header check", "city", "published"));
    for (String path : new String[] {"/", "/sections/city", "/stories/header-check", "/stories/nope"}) {
      var res = get(path);
      assertThat(res.headers().firstValue("Content-Type")).as(path).hasValue("text/html; charset=utf-8");
      assertThat(res.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
      assertThat(res.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(res.headers().firstValue("Content-Security-Policy")).as(path).hasValue(
          "default-src 'self'; img-src 'self' data: https:; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'");
      assertThat(res.body()).as(path).contains("<link rel=\"stylesheet\" href=\"/assets/site.css\">",
          "<script src=\"/assets/reader.js\" defer></script>", "id=\"push-optin\"");
    }
  }

  @Test
  void eachPageSubscribesToItsOwnCanonicalUrl() {
    create(article("Topic check", "city", "published"));
    assertThat(get("/").body()).contains("data-topic=\"" + server.baseUrl() + "/\"", "data-events=\"/events\"");
    assertThat(get("/sections/city").body()).contains("data-topic=\"" + server.baseUrl() + "/sections/city\"");
    assertThat(get("/stories/topic-check").body()).contains("data-topic=\"" + server.storyUrl("topic-check") + "\"");
  }

  @Test
  void sectionPageListsOnlyItsOwnStoriesAndAnEmptySectionIsNotFound() {
    create(article("A city story", "city", "published"));
    create(article("A science story", "science", "published"));

    String html = get("/sections/city").body();
    assertThat(html).contains("A city story").doesNotContain("A science story");
    var empty = get("/sections/sport");
    assertThat(empty.statusCode()).isEqualTo(404);
    assertThat(empty.body()).contains("<!doctype html>");
  }

  @Test
  void articlePageHasHeadlineBylineTimesAndNewsArticleJsonLd() {
    create("""
        {"headline":"Bridge repairs finish early","summary":"Work ended a week ahead of plan.",
         "body":"The bridge **reopens** on Monday.","section":"city","authors":["Ana Ruiz","Bo Chen"],
         "status":"published"}""");
    server.editor("POST", "/api/v1/stories/bridge-repairs-finish-early/corrections",
        "{\"text\":\"An earlier version gave the wrong day.\"}");

    var res = get("/stories/bridge-repairs-finish-early");
    assertThat(res.statusCode()).isEqualTo(200);
    String html = res.body();
    assertThat(html).contains("<h1 id=\"headline\" class=\"story-headline\">Bridge repairs finish early</h1>",
        "Ana Ruiz, Bo Chen", "<strong>reopens</strong>", "id=\"last-updated\" datetime=\"",
        "An earlier version gave the wrong day.", "id=\"story-body\"");
    assertThat(html).containsPattern("<time id=\"last-updated\" datetime=\"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\">");

    JsonNode ld = jsonLd(html);
    assertThat(ld.path("@type").asText()).isEqualTo("NewsArticle");
    assertThat(ld.path("headline").asText()).isEqualTo("Bridge repairs finish early");
    assertThat(ld.path("datePublished").asText()).isNotEmpty();
    assertThat(ld.path("dateModified").asText()).isNotEmpty();
    assertThat(ld.path("url").asText()).isEqualTo(server.storyUrl("bridge-repairs-finish-early"));
    assertThat(ld.path("author").get(0).path("name").asText()).isEqualTo("Ana Ruiz");
  }

  @Test
  void livePageShowsPinnedFirstThenNewestFirstWithKeyEventsAndLiveBlogPosting() {
    create("{\"kind\":\"live\",\"headline\":\"Marathon day live\",\"section\":\"city\",\"status\":\"published\"}");
    long first = entry("marathon-day-live", "{\"body\":\"Runners gather at the start.\",\"pinned\":true}");
    long second = entry("marathon-day-live", "{\"body\":\"The race is under way.\",\"keyEvent\":true}");
    long third = entry("marathon-day-live", "{\"body\":\"Leaders pass the halfway mark.\"}");
    long gone = entry("marathon-day-live", "{\"body\":\"Posted by mistake.\"}");
    server.editor("DELETE", "/api/v1/stories/marathon-day-live/entries/" + gone, null);

    String html = get("/stories/marathon-day-live").body();
    int pinned = html.indexOf("id=\"entry-" + first + "\"");
    int newest = html.indexOf("id=\"entry-" + third + "\"");
    int older = html.indexOf("id=\"entry-" + second + "\"");
    assertThat(pinned).isPositive().isLessThan(newest);
    assertThat(newest).isLessThan(older);
    assertThat(html).doesNotContain("Posted by mistake.", "id=\"entry-" + gone + "\"");
    assertThat(html).contains("<a href=\"#entry-" + second + "\">The race is under way.</a>");
    assertThat(html).contains("class=\"entry pinned\" id=\"entry-" + first + "\"");

    JsonNode ld = jsonLd(html);
    assertThat(ld.path("@type").asText()).isEqualTo("LiveBlogPosting");
    assertThat(ld.path("dateModified").asText()).isNotEmpty();
    assertThat(ld.path("liveBlogUpdate")).hasSize(3);
    assertThat(ld.path("liveBlogUpdate").get(0).path("url").asText())
        .isEqualTo(server.storyUrl("marathon-day-live") + "#entry-" + third);
  }

  @Test
  void retractedStoryShowsTheNoticeInsteadOfTheBody() {
    create(article("Story to withdraw", "city", "published"));
    server.editor("POST", "/api/v1/stories/story-to-withdraw/retract", "{\"reason\":\"The main source withdrew.\"}");

    var res = get("/stories/story-to-withdraw");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).contains("The main source withdrew.")
        .doesNotContain("Body of story to withdraw")
        .doesNotContainPattern("id=\"retraction-notice\"[^>]*hidden");
    assertThat(get("/").body()).doesNotContain("Story to withdraw");
  }

  @Test
  void unknownSlugsAndDraftsAreHtmlNotFoundPages() {
    create(article("Unpublished plans", "city", "draft"));
    for (String path : new String[] {"/stories/no-such-story", "/stories/unpublished-plans"}) {
      var res = get(path);
      assertThat(res.statusCode()).as(path).isEqualTo(404);
      assertThat(res.headers().firstValue("Content-Type")).as(path).hasValue("text/html; charset=utf-8");
      assertThat(res.body()).as(path).contains("<!doctype html>", "Page not found").doesNotContain("Unpublished plans");
    }
  }

  @Test
  void hostileMarkupInBodiesNeverReachesThePageAsScript() {
    String hostile = "Hello <script>alert(1)</script> <img src=x onerror=alert(1)> <a href=\\\"javascript:alert(1)\\\">x</a>";
    create("{\"headline\":\"Hostile body\",\"section\":\"city\",\"status\":\"published\",\"body\":\"" + hostile + "\"}");
    create("{\"kind\":\"live\",\"headline\":\"Hostile live\",\"section\":\"city\",\"status\":\"published\"}");
    entry("hostile-live", "{\"body\":\"" + hostile + "\",\"keyEvent\":true}");

    for (String slug : new String[] {"hostile-body", "hostile-live"}) {
      String html = get("/stories/" + slug).body();
      assertThat(html).as(slug).contains("Hello");
      // Our own two script tags (reader.js, JSON-LD) are the only ones.
      assertThat(count(html, "<script")).as(slug).isEqualTo(2);
      assertThat(html.toLowerCase()).as(slug).doesNotContain("onerror", "alert(1)</script>", "javascript:");
    }
  }

  @Test
  void newsroomTextCannotCloseTheJsonLdScript() {
    create("{\"headline\":\"Quote </script><script>alert(1)</script>\",\"section\":\"city\",\"status\":\"published\","
        + "\"slug\":\"quote-test\"}");
    String html = get("/stories/quote-test").body();
    assertThat(count(html, "<script")).isEqualTo(2);
    assertThat(jsonLd(html).path("headline").asText()).isEqualTo("Quote </script><script>alert(1)</script>");
    assertThat(html).contains("Quote &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void sampleContentGivesAFreshInstallStoriesInTwoSectionsAndALiveBlog() {
    int n = SampleContent.load(server.app().content());
    assertThat(n).isBetween(5, 8);
    String home = get("/").body();
    assertThat(count(home, "class=\"story-card\"")).isEqualTo(n);
    assertThat(home).contains("/sections/city", "/sections/science");

    var live = server.app().content().latest(null, 20).stream().filter(s -> s.isLive()).findFirst().orElseThrow();
    String html = get("/stories/" + live.slug()).body();
    assertThat(count(html, "<article class=\"entry")).isBetween(4, 6);
    assertThat(count(html, "<article class=\"entry pinned")).isEqualTo(1);
    assertThat(html).contains("id=\"key-events\"").containsPattern("<li data-entry-id=\"\\d+\"><a href=\"#entry-");
  }

  @Test
  void readerJsClonesTheServersOwnPartialsForLiveArrivals() {
    assertThat(get("/").body()).contains("data-templates=\"/reader-templates.html\"");
    var res = get("/reader-templates.html");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(res.headers().firstValue("Content-Security-Policy")).isPresent();
    // Every optional part is present, for reader.js to remove what an arrival lacks.
    assertThat(res.body()).contains("<li class=\"story-card\"", "class=\"badge badge-live\"",
        "<article class=\"entry pinned key-event\"", "class=\"badge badge-pinned\"", "class=\"badge badge-key\"",
        "class=\"entry-edited\"", "<li class=\"correction\"", "<li data-entry-id=\"0\"><a href=\"#entry-0\">")
        .doesNotContain("<script");
  }

  // ---- helpers

  private HttpResponse<String> get(String path) {
    return server.send("GET", path, null, null);
  }

  private static String article(String headline, String section, String status) {
    return "{\"headline\":\"" + headline + "\",\"summary\":\"Summary of " + headline.toLowerCase()
        + "\",\"body\":\"Body of " + headline.toLowerCase() + "\",\"section\":\"" + section + "\",\"status\":\""
        + status + "\"}";
  }

  private void create(String json) {
    var res = server.editor("POST", "/api/v1/stories", json);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
  }

  private long entry(String slug, String json) {
    var res = server.editor("POST", "/api/v1/stories/" + slug + "/entries", json);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    return readJson(res.body()).path("id").asLong();
  }

  private static JsonNode jsonLd(String html) {
    Matcher m = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).as("JSON-LD present").isTrue();
    return readJson(m.group(1));
  }

  private static JsonNode readJson(String s) {
    try {
      return ContentJson.MAPPER.readTree(s);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + s, e);
    }
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
    return n;
  }
}
