package newsdesk.feeds;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import newsdesk.content.ContentService;
import newsdesk.content.SiteUrls;
import newsdesk.content.Slugs;
import newsdesk.store.Story;
import newsdesk.store.StoryStatus;

/**
 * The sitemaps (sitemaps.org 0.9): every page readers may see, with its "Last Updated", and the
 * news sitemap of Google's extension: stories published in the last 48 hours, with publication
 * date and title. Read from the store on each request, so they are always current. Blocks.
 */
final class Sitemaps {
  static final String CONTENT_TYPE = "application/xml; charset=utf-8";
  /** The protocol's limits: 50,000 addresses a sitemap, 1,000 a news sitemap. */
  static final int MAX_URLS = 50_000;
  static final int MAX_NEWS = 1_000;
  static final Duration NEWS_WINDOW = Duration.ofHours(48);
  private static final int BATCH = 500;
  private static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
  private static final String NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private final ContentService content;
  private final SiteUrls urls;
  private final Clock clock;

  Sitemaps(ContentService content, Clock clock) {
    this.content = content;
    this.urls = content.urls();
    this.clock = clock;
  }

  /** The home page, each section with a readable story and each readable story, newest first. */
  Document sitemap() {
    List<Story> stories = readable(MAX_URLS - 1, null);
    Map<String, Instant> sections = new LinkedHashMap<>();
    for (Story s : stories) {
      if (Slugs.isSectionName(s.section())) sections.merge(s.section(), s.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
    }
    Instant newest = stories.stream().map(Story::updatedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    var out = new ByteArrayOutputStream(64 * 1024);
    try {
      XMLStreamWriter x = start(out, false);
      url(x, urls.home(), newest);
      for (var e : sections.entrySet()) url(x, urls.section(e.getKey()), e.getValue());
      // Within the limit with the home page and the sections; the oldest stories give way.
      int room = MAX_URLS - 1 - sections.size();
      for (Story s : stories.subList(0, Math.min(stories.size(), room))) url(x, urls.story(s.slug()), s.updatedAt());
      end(x);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing a sitemap in memory failed", e);
    }
    return new Document(out.toByteArray(), CONTENT_TYPE, newest, List.of());
  }

  /** Published (not retracted) stories of the last 48 hours, newest first. */
  Document news() {
    Instant since = clock.instant().minus(NEWS_WINDOW);
    List<Story> recent = readable(MAX_NEWS, since).stream().filter(s -> s.status() == StoryStatus.PUBLISHED).toList();
    var out = new ByteArrayOutputStream(16 * 1024);
    try {
      XMLStreamWriter x = start(out, true);
      for (Story s : recent) {
        x.writeStartElement("url");
        text(x, "loc", urls.story(s.slug()));
        text(x, "lastmod", s.updatedAt().toString());
        x.writeStartElement("news", "news", NEWS_NS);
        x.writeStartElement("news", "publication", NEWS_NS);
        x.writeStartElement("news", "name", NEWS_NS);
        x.writeCharacters(Feed.PUBLISHER);
        x.writeEndElement();
        x.writeStartElement("news", "language", NEWS_NS);
        x.writeCharacters("en");
        x.writeEndElement();
        x.writeEndElement();
        x.writeStartElement("news", "publication_date", NEWS_NS);
        x.writeCharacters(s.publishedAt().toString());
        x.writeEndElement();
        x.writeStartElement("news", "title", NEWS_NS);
        x.writeCharacters(s.headline());
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
      }
      end(x);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing a news sitemap in memory failed", e);
    }
    // A story ageing out changes the document but no "Last Updated": the ETag still sees it.
    Instant newest = recent.stream().map(Story::updatedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    return new Document(out.toByteArray(), CONTENT_TYPE, newest, List.of());
  }

  /** Readable stories, newest publication first, at most {@code max}, none published before {@code since} if given. */
  private List<Story> readable(int max, Instant since) {
    var all = new ArrayList<Story>();
    Long before = null;
    while (all.size() < max) {
      List<Story> page = content.readable(null, Math.min(BATCH, max - all.size()), before);
      for (Story s : page) {
        if (since != null && s.publishedAt().isBefore(since)) return all;
        all.add(s);
      }
      if (page.size() < BATCH) break;
      before = page.get(page.size() - 1).id();
    }
    return all;
  }

  private static XMLStreamWriter start(ByteArrayOutputStream out, boolean news) throws XMLStreamException {
    XMLStreamWriter x = FACTORY.createXMLStreamWriter(out, "UTF-8");
    x.writeStartDocument("UTF-8", "1.0");
    x.writeStartElement("urlset");
    x.writeDefaultNamespace(NS);
    if (news) x.writeNamespace("news", NEWS_NS);
    return x;
  }

  private static void end(XMLStreamWriter x) throws XMLStreamException {
    x.writeEndElement();
    x.writeEndDocument();
    x.close();
  }

  private static void url(XMLStreamWriter x, String loc, Instant lastmod) throws XMLStreamException {
    x.writeStartElement("url");
    text(x, "loc", loc);
    text(x, "lastmod", lastmod.toString());
    x.writeEndElement();
  }

  private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    x.writeStartElement(name);
    x.writeCharacters(value);
    x.writeEndElement();
  }
}
