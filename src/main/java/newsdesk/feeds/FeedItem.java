package newsdesk.feeds;

import java.time.Instant;
import java.util.List;

/**
 * One item of a feed: a story, or a live blog's entry, correction or retraction notice.
 * {@code contentHtml} is sanitised HTML (or newsroom text escaped for HTML); {@code updated} is
 * the story's or entry's "Last Updated".
 */
public record FeedItem(String id, String url, String title, String summary, String contentHtml,
    List<String> authors, List<String> categories, Instant published, Instant updated) {

  public FeedItem {
    authors = List.copyOf(authors);
    categories = List.copyOf(categories);
  }
}
