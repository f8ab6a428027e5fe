package newsdesk.feeds;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsdesk.content.SiteUrls;
import newsdesk.content.Slugs;

/**
 * The feeds as WebSub topics: a topic is the address of a feed's first page, Atom or JSON. Says
 * which addresses are topics, which topics a change to some pages touches, and renders a topic's
 * content as it is now (what the hub sends). Blocks on the store.
 */
public final class FeedTopics {
  private static final Pattern PATH = Pattern.compile(
      "/(?:(sections|stories)/(" + Slugs.PATTERN + ")/)?feed\\.(atom|json)");

  private final FeedSource source;
  private final SiteUrls urls;
  private final FeedUrls feeds;
  private final String hub;

  /** A topic's content: the bytes and their media type. */
  public record Rendered(byte[] body, String contentType) {}

  private record Topic(String kind, String name, boolean atom) {}

  /** @param hub the hub's address, written into the documents it sends */
  public FeedTopics(FeedSource source, String hub) {
    this.source = source;
    this.urls = source.content().urls();
    this.feeds = source.urls();
    this.hub = hub;
  }

  /** The topic's feed as it is now; empty when {@code url} is not one of our feeds (or no longer exists). */
  public Optional<Rendered> render(String url) {
    return parse(url).flatMap(t -> {
      Optional<Feed> feed = switch (t.kind() == null ? "" : t.kind()) {
        case "sections" -> source.section(t.name(), null);
        case "stories" -> source.liveBlog(t.name(), null);
        default -> Optional.of(source.site(null));
      };
      return feed.map(f -> t.atom()
          ? new Rendered(AtomWriter.write(f, hub), AtomWriter.CONTENT_TYPE)
          : new Rendered(JsonFeedWriter.write(f, hub), JsonFeedWriter.CONTENT_TYPE));
    });
  }

  /** The site feed's topic, to name in an explanation. */
  public String example() {
    return feeds.site().atom();
  }

  /** The feed topics a change to these pages (an event's topics) touches, in both formats. */
  public Set<String> touchedBy(List<String> pages) {
    var out = new LinkedHashSet<String>();
    String sectionPrefix = urls.base() + "/sections/";
    String storyPrefix = urls.base() + "/stories/";
    for (String page : pages) {
      FeedAddress a = null;
      if (page.equals(urls.home())) a = feeds.site();
      else if (page.startsWith(sectionPrefix)) a = feeds.section(page.substring(sectionPrefix.length()));
      else if (page.startsWith(storyPrefix)) a = feeds.liveBlog(page.substring(storyPrefix.length()));
      if (a != null) {
        out.add(a.atom());
        out.add(a.json());
      }
    }
    return out;
  }

  private Optional<Topic> parse(String url) {
    if (url == null || !url.startsWith(urls.base() + "/")) return Optional.empty();
    Matcher m = PATH.matcher(url.substring(urls.base().length()));
    if (!m.matches()) return Optional.empty();
    return Optional.of(new Topic(m.group(1), m.group(2), m.group(3).equals("atom")));
  }
}
