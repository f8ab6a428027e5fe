package newsdesk.feeds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import newsdesk.content.ContentJson;

/**
 * A feed page as JSON Feed 1.1: {@code version}, {@code title} and {@code items} (each with an
 * {@code id} and {@code content_html}), the page and feed addresses, {@code next_url} for paging
 * and, when there is one, the WebSub hub in {@code hubs}.
 */
final class JsonFeedWriter {
  static final String CONTENT_TYPE = "application/feed+json; charset=utf-8";
  static final String VERSION = "https://jsonfeed.org/version/1.1";

  private JsonFeedWriter() {}

  static byte[] write(Feed feed, String hub) {
    ObjectNode n = ContentJson.MAPPER.createObjectNode();
    n.put("version", VERSION);
    n.put("title", feed.title());
    n.put("home_page_url", feed.homePage());
    n.put("feed_url", feed.address().page(FeedAddress.JSON, feed.before()));
    if (!feed.description().isEmpty()) n.put("description", feed.description());
    if (feed.next() != null) n.put("next_url", feed.address().page(FeedAddress.JSON, feed.next()));
    n.put("language", "en");
    authors(n, List.of(Feed.PUBLISHER));
    if (hub != null) n.putArray("hubs").addObject().put("type", "WebSub").put("url", hub);
    ArrayNode items = n.putArray("items");
    for (FeedItem item : feed.items()) {
      ObjectNode i = items.addObject();
      i.put("id", item.id());
      i.put("url", item.url());
      i.put("title", item.title());
      i.put("content_html", item.contentHtml());
      if (item.summary() != null && !item.summary().isEmpty()) i.put("summary", item.summary());
      if (item.published() != null) i.put("date_published", item.published().toString());
      i.put("date_modified", item.updated().toString());
      authors(i, item.authors().isEmpty() ? List.of(Feed.PUBLISHER) : item.authors());
      if (!item.categories().isEmpty()) {
        ArrayNode tags = i.putArray("tags");
        item.categories().forEach(tags::add);
      }
    }
    try {
      return ContentJson.MAPPER.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a JSON feed in memory failed", e);
    }
  }

  private static void authors(ObjectNode n, List<String> names) {
    ArrayNode a = n.putArray("authors");
    for (String name : names) a.addObject().put("name", name);
  }
}
