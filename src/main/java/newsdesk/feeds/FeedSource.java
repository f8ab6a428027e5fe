package newsdesk.feeds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import newsdesk.content.ContentService;
import newsdesk.content.PlainText;
import newsdesk.content.SiteUrls;
import newsdesk.content.Slugs;
import newsdesk.store.Correction;
import newsdesk.store.Entry;
import newsdesk.store.Story;
import newsdesk.store.StoryStatus;

/**
 * Builds the pages of every feed from the store. Story feeds list what readers may see, newest
 * publication first, a retracted story as its retraction notice; every item carries the story's
 * corrections. A live blog's feed lists its entries newest first, then its corrections and any
 * retraction on the first page. Blocks on the store: call from virtual threads.
 */
public final class FeedSource {
  public static final int PAGE_SIZE = 20;
  private static final int ENTRY_TITLE = 110;

  private final ContentService content;
  private final SiteUrls urls;
  private final FeedUrls feeds;

  public FeedSource(ContentService content) {
    this.content = content;
    this.urls = content.urls();
    this.feeds = new FeedUrls(urls);
  }

  public FeedUrls urls() {
    return feeds;
  }

  ContentService content() {
    return content;
  }

  public Feed site(Long before) {
    return stories(feeds.site(), "Newsdesk — latest news", "The latest stories, updated as they happen.",
        urls.home(), null, before);
  }

  /** Empty when {@code name} cannot be a section; a section without stories yet has an empty feed. */
  public Optional<Feed> section(String name, Long before) {
    if (!Slugs.isSectionName(name)) return Optional.empty();
    String heading = Character.toUpperCase(name.charAt(0)) + name.substring(1).replace('-', ' ');
    return Optional.of(stories(feeds.section(name), heading + " — Newsdesk", "The latest " + heading + " stories.",
        urls.section(name), name, before));
  }

  /** Empty unless {@code slug} is a live blog readers may see. */
  public Optional<Feed> liveBlog(String slug, Long before) {
    Optional<Story> found = content.find(slug).filter(s -> s.isPublic() && s.isLive());
    if (found.isEmpty()) return Optional.empty();
    Story s = found.get();
    String page = urls.story(slug);
    var items = new ArrayList<FeedItem>();
    Long next = null;
    if (s.status() != StoryStatus.RETRACTED) {
      List<Entry> entries = content.entries(s).stream()
          .filter(e -> !e.deleted() && (before == null || e.id() < before))
          .sorted(Comparator.comparingLong(Entry::id).reversed())
          .toList();
      if (entries.size() > PAGE_SIZE) {
        entries = entries.subList(0, PAGE_SIZE);
        next = entries.get(PAGE_SIZE - 1).id();
      }
      for (Entry e : entries) items.add(entry(s, e));
    }
    if (before == null) {
      if (s.status() == StoryStatus.RETRACTED) items.add(retraction(s));
      for (Correction c : s.corrections().reversed()) items.add(correction(s, c));
    }
    return Optional.of(new Feed(feeds.liveBlog(slug), s.headline() + " — Newsdesk", s.summary(), page,
        s.updatedAt(), items, before, next));
  }

  private Feed stories(FeedAddress address, String title, String description, String homePage, String section,
      Long before) {
    List<Story> stories = content.readable(section, PAGE_SIZE + 1, before);
    Long next = null;
    if (stories.size() > PAGE_SIZE) {
      stories = stories.subList(0, PAGE_SIZE);
      next = stories.get(PAGE_SIZE - 1).id();
    }
    Instant updated = stories.stream().map(Story::updatedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    return new Feed(address, title, description, homePage, updated, stories.stream().map(this::story).toList(),
        before, next);
  }

  private FeedItem story(Story s) {
    boolean retracted = s.status() == StoryStatus.RETRACTED;
    String html = retracted ? notice("Retracted", s.retraction()) : s.bodyHtml();
    var categories = new ArrayList<String>();
    categories.add(s.section());
    categories.addAll(s.tags());
    return new FeedItem(urls.story(s.slug()), urls.story(s.slug()), (retracted ? "Retracted: " : "") + s.headline(),
        s.summary(), html + corrections(s.corrections()), s.authors(), categories, s.publishedAt(), s.updatedAt());
  }

  private FeedItem entry(Story s, Entry e) {
    String url = urls.story(s.slug()) + "#entry-" + e.id();
    String title = PlainText.snippet(PlainText.plain(e.bodyHtml()), ENTRY_TITLE);
    Instant updated = e.editedAt() != null ? e.editedAt() : e.createdAt();
    List<String> authors = e.author().isEmpty() ? s.authors() : List.of(e.author());
    return new FeedItem(url, url, title, null, e.bodyHtml(), authors, e.keyEvent() ? List.of("key-event") : List.of(),
        e.createdAt(), updated);
  }

  private FeedItem correction(Story s, Correction c) {
    String id = urls.story(s.slug()) + "#correction-" + c.id();
    return new FeedItem(id, urls.story(s.slug()) + "#corrections", "Correction: " + s.headline(), c.text(), notice("Correction", c.text()),
        List.of(), List.of("correction"), c.createdAt(), c.createdAt());
  }

  private FeedItem retraction(Story s) {
    String id = urls.story(s.slug()) + "#retraction";
    return new FeedItem(id, urls.story(s.slug()) + "#retraction-notice", "Retracted: " + s.headline(), s.retraction(), notice("Retracted", s.retraction()),
        List.of(), List.of("retraction"), s.updatedAt(), s.updatedAt());
  }

  /** Newsroom plain text as a labelled HTML paragraph. */
  private static String notice(String label, String text) {
    return "<p><strong>" + label + ":</strong> " + PlainText.escapeHtml(text == null ? "" : text) + "</p>";
  }

  private static String corrections(List<Correction> list) {
    if (list.isEmpty()) return "";
    var html = new StringBuilder("<aside class=\"corrections\"><h2>Corrections</h2><ul>");
    for (Correction c : list) {
      html.append("<li><time datetime=\"").append(c.createdAt()).append("\">").append(c.createdAt())
          .append("</time> ").append(PlainText.escapeHtml(c.text())).append("</li>");
    }
    return html.append("</ul></aside>").toString();
  }
}
