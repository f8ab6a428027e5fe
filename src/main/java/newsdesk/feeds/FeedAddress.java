package newsdesk.feeds;

/**
 * Where a feed lives: {@code base} is its address without the format, e.g.
 * {@code https://news.example/sections/city/feed}; the Atom and JSON Feed forms add {@code .atom}
 * and {@code .json}. The first page's Atom address is also the feed's id and its WebSub topic.
 */
public record FeedAddress(String base) {
  public static final String ATOM = ".atom";
  public static final String JSON = ".json";

  public String atom() {
    return base + ATOM;
  }

  public String json() {
    return base + JSON;
  }

  /** A page of the feed in one format; {@code before} is the paging cursor, null for the first page. */
  public String page(String format, Long before) {
    return before == null ? base + format : base + format + "?before=" + before;
  }
}
