package newsdesk.feeds;

import java.time.Instant;
import java.util.List;

/**
 * One page of a feed, whichever format it is written in. {@code updated} is the newest "Last
 * Updated" among what the page shows; {@code before} is this page's cursor (null on the first
 * page) and {@code next} the next, older page's (null on the last).
 */
public record Feed(FeedAddress address, String title, String description, String homePage, Instant updated,
    List<FeedItem> items, Long before, Long next) {

  /** The site's name, the author of a feed and of any item without a byline. */
  public static final String PUBLISHER = "Newsdesk";

  public Feed {
    items = List.copyOf(items);
  }
}
