package newsdesk.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import newsdesk.content.ContentService;
import newsdesk.content.StoryInput;
import newsdesk.store.Story;
import newsdesk.store.StoryKind;
import newsdesk.store.StoryStatus;
import newsdesk.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The sitemaps and robots.txt over real HTTP, as a crawler reads them. */
class SitemapsTest {
  private static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
  private static final String NEWS = "http://www.google.com/schemas/sitemap-news/0.9";
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
  void sitemapListsHomeSectionsAndEveryReadableStoryWithLastUpdated() throws Exception {
    Story bridge = story("Bridge reopens", "city");
    Story comet = story("Comet seen", "science");
    content.create(new StoryInput(null, null, "Secret plan", "", "", "city", null, null, "draft"));
    content.retract(comet.slug(), "Not a comet.");

    var res = server.send("GET", "/sitemap.xml", null, null);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/xml; charset=utf-8");
    Element urlset = parse(res.body());
    assertThat(urlset.getNamespaceURI()).isEqualTo(NS);
    assertThat(texts(urlset, NS, "loc")).containsExactlyInAnyOrder(server.baseUrl() + "/",
        server.baseUrl() + "/sections/city", server.baseUrl() + "/sections/science",
        server.storyUrl(bridge.slug()), server.storyUrl(comet.slug()));
    assertThat(texts(urlset, NS, "lastmod")).contains(content.get(bridge.slug()).updatedAt().toString(),
        content.get(comet.slug()).updatedAt().toString());
    String etag = res.headers().firstValue("ETag").orElseThrow();
    assertThat(server.send("GET", "/sitemap.xml", null, null).headers().firstValue("ETag")).hasValue(etag);
    var conditional = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/sitemap.xml")).header("If-None-Match", etag);
    assertThat(HttpClient.newHttpClient().send(conditional.build(), HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(304);
  }

  @Test
  void newsSitemapHoldsOnlyStoriesPublishedInTheLast48HoursWithDateAndTitle() {
    Instant old = Instant.now().minus(Duration.ofHours(49));
    server.app().store().write(tx -> tx.insertStory(new Story(0, "old-news", StoryKind.ARTICLE, "Old news", "", "",
        "", "city", List.of(), List.of(), StoryStatus.PUBLISHED, null, old, old, old, List.of(), null, null)));
    Story fresh = story("Fresh & <hot> news", "city");
    Story gone = story("Gone story", "city");
    content.retract(gone.slug(), "Wrong.");

    Element urlset = parse(server.send("GET", "/news-sitemap.xml", null, null).body());
    assertThat(texts(urlset, NS, "loc")).containsExactly(server.storyUrl(fresh.slug()));
    assertThat(texts(urlset, NEWS, "title")).containsExactly("Fresh & <hot> news");
    assertThat(texts(urlset, NEWS, "publication_date")).containsExactly(fresh.publishedAt().toString());
    assertThat(texts(urlset, NEWS, "name")).containsExactly("Newsdesk");
    assertThat(texts(urlset, NEWS, "language")).containsExactly("en");
    assertThat(texts(parse(server.send("GET", "/sitemap.xml", null, null).body()), NS, "loc"))
        .contains(server.storyUrl("old-news"));
  }

  @Test
  void robotsTxtNamesBothSitemaps() {
    var res = server.send("GET", "/robots.txt", null, null);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(res.body().lines()).contains("User-agent: *", "Sitemap: " + server.baseUrl() + "/sitemap.xml",
        "Sitemap: " + server.baseUrl() + "/news-sitemap.xml");
  }

  @Test
  void pastFiftyThousandAddressesTheSitemapIsAnIndexOfPartsWithinTheLimits() throws Exception {
    server.close();
    int stories = Sitemaps.MAX_URLS + 5;
    newsdesk.testing.SqliteFile.in(dir).insertPublished(stories, "filed", "city", Instant.parse("2026-01-01T00:00:00Z"));
    server = TestServer.start(dir);

    var res = server.send("GET", "/sitemap.xml", null, null);
    assertThat(res.statusCode()).isEqualTo(200);
    Element index = parse(res.body());
    assertThat(index.getLocalName()).as(texts(index, NS, "loc").size() + " locs").isEqualTo("sitemapindex");
    assertThat(index.getNamespaceURI()).isEqualTo(NS);
    List<String> parts = texts(index, NS, "loc");
    assertThat(parts).hasSize(3);
    assertThat(parts.get(0)).isEqualTo(server.baseUrl() + "/sitemap.xml?part=pages");
    assertThat(texts(index, NS, "lastmod")).allSatisfy(t -> assertThat(Instant.parse(t)).isNotNull());

    var seen = new java.util.HashSet<String>();
    for (String part : parts) {
      var got = server.send("GET", part.substring(server.baseUrl().length()), null, null);
      assertThat(got.statusCode()).as(part).isEqualTo(200);
      assertThat(got.body().getBytes(StandardCharsets.UTF_8).length).as(part).isLessThan(50 * 1024 * 1024);
      Element urlset = parse(got.body());
      assertThat(urlset.getLocalName()).isEqualTo("urlset");
      List<String> locs = texts(urlset, NS, "loc");
      assertThat(locs.size()).as(part).isLessThanOrEqualTo(Sitemaps.MAX_URLS);
      for (String loc : locs) assertThat(seen.add(loc)).as("listed once: " + loc).isTrue();
    }
    assertThat(seen).contains(server.baseUrl() + "/", server.baseUrl() + "/sections/city",
        server.storyUrl("filed-0"), server.storyUrl("filed-" + (stories - 1)));
    assertThat(seen).hasSize(stories + 2);

    assertThat(server.send("GET", "/sitemap.xml?part=everything", null, null).statusCode()).isEqualTo(400);
    assertThat(server.send("GET", "/sitemap.xml?part=stories&before=x", null, null).statusCode()).isEqualTo(400);
  }

  private Story story(String headline, String section) {
    return content.create(new StoryInput(null, null, headline, "", "Body", section, List.of(), List.of(), "published"));
  }

  private static Element parse(String xml) {
    try {
      var f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
          .getDocumentElement();
    } catch (Exception e) {
      throw new AssertionError("not well-formed XML: " + xml, e);
    }
  }

  private static List<String> texts(Element root, String ns, String name) {
    NodeList list = root.getElementsByTagNameNS(ns, name);
    var out = new ArrayList<String>();
    for (int i = 0; i < list.getLength(); i++) out.add(list.item(i).getTextContent());
    return out;
  }
}
