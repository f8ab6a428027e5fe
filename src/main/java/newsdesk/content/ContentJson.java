package newsdesk.content;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import newsdesk.store.Correction;
import newsdesk.store.Entry;
import newsdesk.store.Image;
import newsdesk.store.Story;

/**
 * The JSON shapes of stories and entries, shared by the API and by events so a page's script
 * reads the same fields the API documents.
 */
public final class ContentJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private final SiteUrls urls;

  public ContentJson(SiteUrls urls) {
    this.urls = urls;
  }

  /** A story; {@code withSource} adds the Markdown source, which only the newsroom needs. */
  public ObjectNode story(Story s, boolean withSource) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", s.id());
    n.put("slug", s.slug());
    n.put("kind", s.kind().wire());
    n.put("url", urls.story(s.slug()));
    n.put("headline", s.headline());
    n.put("summary", s.summary());
    if (withSource) n.put("body", s.body());
    n.put("bodyHtml", s.bodyHtml());
    n.put("section", s.section());
    n.put("sectionUrl", urls.section(s.section()));
    ArrayNode tags = n.putArray("tags");
    s.tags().forEach(tags::add);
    ArrayNode authors = n.putArray("authors");
    s.authors().forEach(authors::add);
    n.put("status", s.status().wire());
    if (s.retraction() != null) n.put("retraction", s.retraction());
    putTime(n, "createdAt", s.createdAt());
    putTime(n, "publishedAt", s.publishedAt());
    putTime(n, "updatedAt", s.updatedAt());
    if (s.scheduledAt() != null) putTime(n, "scheduledAt", s.scheduledAt());
    if (s.leadImage() != null) n.set("leadImage", image(s.leadImage()));
    ArrayNode corrections = n.putArray("corrections");
    for (Correction c : s.corrections()) {
      ObjectNode cn = corrections.addObject();
      cn.put("id", c.id());
      cn.put("text", c.text());
      putTime(cn, "createdAt", c.createdAt());
    }
    return n;
  }

  public ObjectNode entry(Entry e, boolean withSource) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", e.id());
    if (e.deleted()) {
      n.put("deleted", true);
      return n;
    }
    if (withSource) n.put("body", e.body());
    n.put("bodyHtml", e.bodyHtml());
    n.put("author", e.author());
    putTime(n, "createdAt", e.createdAt());
    putTime(n, "editedAt", e.editedAt());
    n.put("keyEvent", e.keyEvent());
    n.put("pinned", e.pinned());
    n.put("deleted", false);
    if (e.image() != null) n.set("image", image(e.image()));
    return n;
  }

  /** An image as pages and clients use it: {@code src} is the widest rendition, {@code srcset} all of them. */
  public ObjectNode image(Image image) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", image.id());
    n.put("alt", image.alt());
    n.put("width", image.width());
    n.put("height", image.height());
    n.put("src", urls.image(image.largest().file()));
    n.put("srcset", urls.srcset(image));
    ArrayNode renditions = n.putArray("renditions");
    for (Image.Rendition r : image.renditions()) {
      renditions.addObject().put("width", r.width()).put("height", r.height()).put("url", urls.image(r.file()))
          .put("type", r.mediaType());
    }
    return n;
  }

  /** The data of an entry event: the entry and the story's new "Last Updated". */
  public ObjectNode entryEvent(Story s, Entry e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("story", s.slug());
    n.put("url", urls.story(s.slug()));
    putTime(n, "updatedAt", s.updatedAt());
    n.set("entry", entry(e, false));
    return n;
  }

  private static void putTime(ObjectNode n, String field, Instant t) {
    if (t == null) n.putNull(field);
    else n.put(field, t.toString());
  }
}
