package newsdesk.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import newsdesk.content.PlainText;
import newsdesk.content.SiteUrls;
import newsdesk.content.Slugs;
import newsdesk.feeds.FeedAddress;
import newsdesk.feeds.FeedUrls;
import newsdesk.store.Entry;
import newsdesk.store.Image;
import newsdesk.store.Story;
import newsdesk.store.StoryStatus;

/**
 * What the templates see. Templates get only these records, never store types, so every value a
 * page shows has passed through here and the only raw HTML is the sanitised {@code bodyHtml}.
 */
final class PageModels {
  /** How many live-blog updates the JSON-LD lists; the page itself shows all of them. */
  static final int JSON_LD_UPDATES = 20;
  private static final int KEY_EVENT_LABEL = 110;

  private final SiteUrls urls;
  private final FeedUrls feeds;

  PageModels(SiteUrls urls) {
    this.urls = urls;
    this.feeds = new FeedUrls(urls);
  }

  /**
   * The head and body attributes every page shares; an empty topic means "do not subscribe".
   * {@code since} is the newest event id when the page's content was read: the page's stream
   * resumes from it, so nothing published while the page loads is missed. {@code section} is the
   * page's section name (checked by {@link newsdesk.content.Slugs}), which reader.js offers as a
   * push topic without checking its shape again. {@code feed} is the feed the page advertises
   * (its own, or an article's section's), null for none.
   */
  record Meta(String title, String description, String canonical, String topic, String kind,
      String jsonLd, long storyId, String slug, String since, String section, Feed feed, ImageView image) {}

  /**
   * An {@code <img>}: {@code src} the widest rendition (also og:image), {@code srcset} every one,
   * {@code width} and {@code height} the widest's, so the browser keeps the space before it loads.
   */
  record ImageView(String src, String srcset, String sizes, String alt, int width, int height) {
    /** The pages' column: the measure (44rem) less nothing on wide screens, the viewport less its padding on narrow ones. */
    static final String SIZES = "(min-width: 46rem) 44rem, calc(100vw - 2rem)";
    static final ImageView BLANK = new ImageView("", "", SIZES, "", 0, 0);

    static ImageView of(Image image, SiteUrls urls) {
      if (image == null) return null;
      Image.Rendition widest = image.largest();
      return new ImageView(urls.image(widest.file()), urls.srcset(image), SIZES, image.alt(), widest.width(),
          widest.height());
    }
  }

  /** A feed's two forms, for {@code <link rel="alternate">}. */
  record Feed(String title, String atom, String json) {
    static Feed of(String title, FeedAddress address) {
      return new Feed(title, address.atom(), address.json());
    }
  }

  /** A {@code <time>}: machine-readable ISO instant and the no-JS text. */
  record Time(String iso, String text) {
    static final Time BLANK = new Time("", "");

    static Time of(Instant t) {
      return t == null ? null : new Time(t.toString(), PageText.fallbackTime(t));
    }
  }

  record Card(long id, String slug, String url, String headline, String summary, String section,
      String sectionUrl, Time updated, boolean live) {}

  record ListPage(Meta meta, String heading, List<Card> stories, boolean empty) {}

  record CorrectionView(long id, String text, Time created) {}

  record EntryView(long id, String bodyHtml, String author, Time created, boolean edited, boolean keyEvent,
      boolean pinned, ImageView image) {}

  record KeyEventView(long id, String label, Time created) {}

  record StoryView(Meta meta, long id, String slug, String headline, String summary, String section,
      String sectionUrl, String authors, String bodyHtml, boolean retracted, String retraction,
      List<CorrectionView> corrections, Time published, Time updated, boolean live,
      List<EntryView> entries, boolean noEntries, List<KeyEventView> keyEvents, ImageView leadImage) {}

  record NotFoundView(Meta meta, String message) {}

  /**
   * The markup reader.js clones for what arrives live: the same partials the pages use, rendered
   * once with every optional part present (reader.js removes what an item lacks and fills the rest).
   */
  record ReaderTemplates(Card card, EntryView entry, CorrectionView correction, KeyEventView keyEvent) {
    static final ReaderTemplates BLANK = new ReaderTemplates(
        new Card(0, "", "", "", "", "", "", Time.BLANK, true),
        new EntryView(0, "", "", Time.BLANK, true, true, true, ImageView.BLANK),
        new CorrectionView(0, "", Time.BLANK),
        new KeyEventView(0, "", Time.BLANK));
  }

  Card card(Story s) {
    return new Card(s.id(), s.slug(), urls.story(s.slug()), s.headline(), s.summary(), s.section(),
        urls.section(s.section()), Time.of(s.updatedAt()), s.isLive());
  }

  ListPage home(List<Story> stories, String since) {
    var meta = new Meta("Newsdesk — latest news", "The latest stories, updated as they happen.",
        urls.home(), urls.home(), "home", null, 0, null, since, null, Feed.of("Newsdesk — latest news", feeds.site()),
        null);
    return new ListPage(meta, "Latest", stories.stream().map(this::card).toList(), stories.isEmpty());
  }

  ListPage section(String name, List<Story> stories, String since) {
    String heading = Character.toUpperCase(name.charAt(0)) + name.substring(1).replace('-', ' ');
    var meta = new Meta(heading + " — Newsdesk", "The latest " + heading + " stories.",
        urls.section(name), urls.section(name), "section", null, 0, null, since, sectionName(name),
        Feed.of(heading + " — Newsdesk", feeds.section(name)), null);
    return new ListPage(meta, heading, stories.stream().map(this::card).toList(), stories.isEmpty());
  }

  StoryView story(Story s, List<Entry> allEntries, String jsonLd, String since) {
    boolean retracted = s.status() == StoryStatus.RETRACTED;
    List<EntryView> entries = retracted ? List.of() : orderedEntries(allEntries).stream().map(this::entry).toList();
    ImageView lead = retracted ? null : ImageView.of(s.leadImage(), urls);
    List<KeyEventView> keyEvents = entries.stream()
        .filter(EntryView::keyEvent)
        .map(e -> new KeyEventView(e.id(), PlainText.snippet(PlainText.plain(e.bodyHtml()), KEY_EVENT_LABEL), e.created()))
        .toList();
    var meta = new Meta(s.headline() + " — Newsdesk", s.summary(), urls.story(s.slug()), urls.story(s.slug()),
        s.isLive() ? "live" : "story", jsonLd, s.id(), s.slug(), since, sectionName(s.section()), storyFeed(s), lead);
    return new StoryView(meta, s.id(), s.slug(), s.headline(), s.summary(), s.section(), urls.section(s.section()),
        String.join(", ", s.authors()), retracted ? "" : s.bodyHtml(), retracted, s.retraction(),
        s.corrections().stream().map(c -> new CorrectionView(c.id(), c.text(), Time.of(c.createdAt()))).toList(),
        Time.of(s.publishedAt()), Time.of(s.updatedAt()), s.isLive(), entries, entries.isEmpty(), keyEvents, lead);
  }

  NotFoundView notFound(String message) {
    return new NotFoundView(new Meta("Not found — Newsdesk", message, urls.home(), "", "not-found", null, 0, null, "", null,
        null, null),
        message);
  }

  /**
   * The reading order of a live blog: the one pinned entry first, then the rest newest first.
   * Entry ids grow with time, so ordering by id is ordering by arrival, as reader.js also does.
   */
  static List<Entry> orderedEntries(List<Entry> entries) {
    // The server keeps one pin; should history hold two, only the newest stays on top.
    long pinId = entries.stream().filter(e -> e.pinned() && !e.deleted()).mapToLong(Entry::id).max().orElse(-1);
    var visible = new ArrayList<Entry>();
    for (Entry e : entries) {
      if (e.deleted()) continue;
      visible.add(e.pinned() == (e.id() == pinId) ? e : new Entry(e.id(), e.storyId(), e.body(), e.bodyHtml(),
          e.author(), e.createdAt(), e.editedAt(), e.keyEvent(), false, false, e.image()));
    }
    visible.sort(Comparator.comparing((Entry e) -> !e.pinned()).thenComparing(Entry::id, Comparator.reverseOrder()));
    return visible;
  }

  /** A live blog's own feed; an article's section's, where its later stories will appear. */
  private Feed storyFeed(Story s) {
    if (s.isLive()) return Feed.of(s.headline() + " — Newsdesk", feeds.liveBlog(s.slug()));
    return Slugs.isSectionName(s.section()) ? Feed.of(s.section() + " — Newsdesk", feeds.section(s.section())) : null;
  }

  private static String sectionName(String name) {
    return Slugs.isSectionName(name) ? name : null;
  }

  private EntryView entry(Entry e) {
    return new EntryView(e.id(), e.bodyHtml(), e.author(), Time.of(e.createdAt()), e.editedAt() != null,
        e.keyEvent(), e.pinned(), ImageView.of(e.image(), urls));
  }
}
