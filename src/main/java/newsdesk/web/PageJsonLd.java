package newsdesk.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import newsdesk.content.ContentJson;
import newsdesk.content.PlainText;
import newsdesk.content.SiteUrls;
import newsdesk.store.Entry;
import newsdesk.store.Story;

/**
 * schema.org metadata for a story page, ready to sit inside {@code <script type="application/ld+json">}.
 * The page shows it unescaped, so this class is what keeps newsroom text from closing the script.
 */
final class PageJsonLd {
  private final SiteUrls urls;

  PageJsonLd(SiteUrls urls) {
    this.urls = urls;
  }

  String of(Story s, List<Entry> entries) {
    ObjectNode n = ContentJson.MAPPER.createObjectNode();
    n.put("@context", "https://schema.org");
    n.put("@type", s.isLive() ? "LiveBlogPosting" : "NewsArticle");
    String url = urls.story(s.slug());
    n.put("@id", url);
    n.put("url", url);
    n.put("mainEntityOfPage", url);
    n.put("headline", s.headline());
    if (!s.summary().isEmpty()) n.put("description", s.summary());
    put(n, "datePublished", s.publishedAt());
    put(n, "dateModified", s.updatedAt());
    n.put("articleSection", s.section());
    if (s.leadImage() != null && s.status() != newsdesk.store.StoryStatus.RETRACTED) {
      var widest = s.leadImage().largest();
      n.putArray("image").addObject().put("@type", "ImageObject").put("url", urls.image(widest.file()))
          .put("width", widest.width()).put("height", widest.height());
    }
    ArrayNode authors = n.putArray("author");
    for (String a : s.authors()) authors.addObject().put("@type", "Person").put("name", a);
    n.putObject("publisher").put("@type", "Organization").put("name", "Newsdesk").put("url", urls.home());
    if (s.isLive()) {
      put(n, "coverageStartTime", s.publishedAt());
      ArrayNode updates = n.putArray("liveBlogUpdate");
      PageModels.orderedEntries(entries).stream()
          .sorted((a, b) -> Long.compare(b.id(), a.id()))
          .limit(PageModels.JSON_LD_UPDATES)
          .forEach(e -> update(updates.addObject(), url, e));
    }
    try {
      return forScript(ContentJson.MAPPER.writeValueAsString(n));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON-LD could not be written", e);
    }
  }

  private static void update(ObjectNode u, String storyUrl, Entry e) {
    String text = PlainText.plain(e.bodyHtml());
    u.put("@type", "BlogPosting");
    u.put("url", storyUrl + "#entry-" + e.id());
    u.put("headline", PlainText.snippet(text, 110));
    u.put("articleBody", text);
    put(u, "datePublished", e.createdAt());
    put(u, "dateModified", e.editedAt() != null ? e.editedAt() : e.createdAt());
    if (!e.author().isEmpty()) u.putObject("author").put("@type", "Person").put("name", e.author());
  }

  /**
   * JSON escaped so no {@code </script>}, {@code <!--} or line separator in newsroom text can end
   * or confuse the script element; each replacement is a valid JSON escape of the same character.
   */
  static String forScript(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }

  private static void put(ObjectNode n, String field, Instant t) {
    if (t != null) n.put(field, t.toString());
  }
}
