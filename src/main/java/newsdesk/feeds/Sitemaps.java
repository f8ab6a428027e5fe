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
import newsdesk.store.StoryLink;
import newsdesk.store.StoryStatus;

/**
 * The sitemaps (sitemaps.org 0.9): every page readers may see, with its "Last Updated", and the
 * news sitemap of Google's extension: stories published in the last 48 hours, with publication
 * date and title. Read from the store on each request, so they are always current. Past 50,000
 * addresses {@code /sitemap.xml} is an index of parts (the protocol's limit; a part of 50,000
 * addresses, slugs being at most 80 characters, stays far below its 50 MB). Blocks.
 */
final class Sitemaps {
  static final String CONTENT_TYPE = "application/xml; charset=utf-8";
  /** The protocol's limits: 50,000 addresses a sitemap, 1,000 a news sitemap. */
  static final int MAX_URLS = 50_000;
  static final String PATH = "/sitemap.xml";
  private static final String URLSET = "urlset";
  static final int MAX_NEWS = 1_000;
  static final Duration NEWS_WINDOW = Duration.ofHours(48);
  private static final int BATCH = 500;
  /** Links are small: read them a few thousand at a time. */
  private static final int LINK_BATCH = 5_000;
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

  /** One part of a sitemap index: stories after {@code before} (null: from the newest), {@code lastmod}. */
  record Part(Long before, Instant lastmod) {}

  /**
   * The home page, each section with a readable story and each readable story, newest first; past
   * the protocol's 50,000 addresses, an index instead: the pages ({@link #pages}), then the
   * stories {@link #MAX_URLS} at a time ({@link #stories}).
   */
  Document sitemap() {
    var sections = new LinkedHashMap<String, Instant>();
    var kept = new ArrayList<StoryLink>();
    boolean fits = true;
    var parts = new ArrayList<Part>();
    Long partBefore = null;
    Long lastId = null;
    Instant partNewest = Instant.EPOCH;
    int inPart = 0;
    for (List<StoryLink> page = batch(null); !page.isEmpty(); page = batch(lastId)) {
      for (StoryLink st : page) {
        if (Slugs.isSectionName(st.section())) sections.merge(st.section(), st.updatedAt(), Sitemaps::later);
        if (inPart == MAX_URLS) {
          parts.add(new Part(partBefore, partNewest));
          partBefore = lastId;
          partNewest = Instant.EPOCH;
          inPart = 0;
        }
        inPart++;
        partNewest = later(partNewest, st.updatedAt());
        lastId = st.id();
        if (fits) {
          kept.add(st);
          fits = 1 + sections.size() + kept.size() <= MAX_URLS;
        }
      }
      if (page.size() < LINK_BATCH) break;
    }
    if (inPart > 0) parts.add(new Part(partBefore, partNewest));
    Instant newest = sections.values().stream().reduce(Instant.EPOCH, Sitemaps::later);
    for (Part part : parts) newest = later(newest, part.lastmod());
    if (!fits) return index(newest, parts);
    Instant lastmod = newest;
    return render(URLSET, false, newest, x -> {
      pageUrls(x, lastmod, sections);
      for (StoryLink st : kept) url(x, urls.story(st.slug()), st.updatedAt());
    });
  }

  /** The index's first part: the home page and each section with a readable story. */
  Document pages() {
    var sections = new LinkedHashMap<String, Instant>();
    Instant newest = Instant.EPOCH;
    Long lastId = null;
    for (List<StoryLink> page = batch(null); !page.isEmpty(); page = batch(lastId)) {
      for (StoryLink st : page) {
        if (Slugs.isSectionName(st.section())) sections.merge(st.section(), st.updatedAt(), Sitemaps::later);
        newest = later(newest, st.updatedAt());
        lastId = st.id();
      }
      if (page.size() < LINK_BATCH) break;
    }
    Instant lastmod = newest;
    return render(URLSET, false, newest, x -> pageUrls(x, lastmod, sections));
  }

  /** A part of the index: up to {@link #MAX_URLS} readable stories after the story {@code before}. */
  Document stories(Long before) {
    var part = new ArrayList<StoryLink>();
    for (List<StoryLink> page = batch(before); !page.isEmpty(); page = batch(part.getLast().id())) {
      part.addAll(page.subList(0, Math.min(page.size(), MAX_URLS - part.size())));
      if (page.size() < LINK_BATCH || part.size() == MAX_URLS) break;
    }
    Instant newest = part.stream().map(StoryLink::updatedAt).reduce(Instant.EPOCH, Sitemaps::later);
    return render(URLSET, false, newest, x -> {
      for (StoryLink st : part) url(x, urls.story(st.slug()), st.updatedAt());
    });
  }

  private Document index(Instant newest, List<Part> parts) {
    return render("sitemapindex", false, newest, x -> {
      indexEntry(x, urls.base() + PATH + "?part=pages", newest);
      for (Part part : parts) {
        indexEntry(x, urls.base() + PATH + "?part=stories" + (part.before() == null ? "" : "&before=" + part.before()),
            part.lastmod());
      }
    });
  }

  /** What a document holds inside its root element. */
  @FunctionalInterface
  private interface Body {
    void write(XMLStreamWriter x) throws XMLStreamException;
  }

  /** A sitemaps.org document: {@code root} ({@code urlset} or {@code sitemapindex}) around {@code body}. */
  private static Document render(String root, boolean news, Instant lastmod, Body body) {
    var out = new ByteArrayOutputStream(64 * 1024);
    try {
      XMLStreamWriter x = FACTORY.createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement(root);
      x.writeDefaultNamespace(NS);
      if (news) x.writeNamespace("news", NEWS_NS);
      body.write(x);
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing a sitemap in memory failed", e);
    }
    return new Document(out.toByteArray(), CONTENT_TYPE, lastmod, List.of());
  }

  private void pageUrls(XMLStreamWriter x, Instant newest, Map<String, Instant> sections) throws XMLStreamException {
    url(x, urls.home(), newest);
    for (var e : sections.entrySet()) url(x, urls.section(e.getKey()), e.getValue());
  }

  private static void indexEntry(XMLStreamWriter x, String loc, Instant lastmod) throws XMLStreamException {
    x.writeStartElement("sitemap");
    text(x, "loc", loc);
    text(x, "lastmod", lastmod.toString());
    x.writeEndElement();
  }

  private List<StoryLink> batch(Long before) {
    return content.readableLinks(LINK_BATCH, before);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** Published (not retracted) stories of the last 48 hours, newest first. */
  Document news() {
    Instant since = clock.instant().minus(NEWS_WINDOW);
    List<Story> recent = readable(MAX_NEWS, since).stream().filter(s -> s.status() == StoryStatus.PUBLISHED).toList();
    // A story ageing out changes the document but no "Last Updated": the ETag still sees it.
    Instant newest = recent.stream().map(Story::updatedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    return render(URLSET, true, newest, x -> {
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
    });
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
