package newsdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import newsdesk.content.Actor;
import newsdesk.content.ContentJson;
import newsdesk.content.ContentService;
import newsdesk.http.Problem;
import newsdesk.store.Story;
import newsdesk.store.StoryVersion;

/**
 * The API's answers about a story's saved versions ({@code /stories/{slug}/versions…}): the list,
 * one version whole, and a restore, which is a change like any other (If-Match, roles).
 */
final class VersionAnswers {
  private final ContentService content;

  VersionAnswers(ContentService content) {
    this.content = content;
  }

  /** Newest first; {@code before} (a version) pages back, {@code limit} 1–100 (default 50). */
  JsonNode list(RoutingContext ctx) {
    Story s = content.get(ctx.pathParam("slug"));
    io.vertx.core.MultiMap q;
    try {
      q = ctx.queryParams();
    } catch (IllegalArgumentException e) {
      throw new ApiException(Problem.badRequest("the query string is not valid percent-encoded UTF-8"));
    }
    Long before = q.get("before") == null ? null : number("before", q.get("before"));
    Integer limit = q.get("limit") == null ? null : (int) Math.min(number("limit", q.get("limit")), 1_000);
    var page = content.history().list(s, before, limit);
    ObjectNode out = ContentJson.MAPPER.createObjectNode();
    var items = out.putArray("items");
    page.forEach(v -> items.add(summary(v)));
    int asked = limit == null ? 50 : limit;
    if (page.size() < asked) out.putNull("nextBefore");
    else out.put("nextBefore", Long.toString(page.get(page.size() - 1).version()));
    return out;
  }

  JsonNode one(RoutingContext ctx) {
    Story s = content.get(ctx.pathParam("slug"));
    StoryVersion v = content.history().get(s, version(ctx));
    ObjectNode n = summary(v);
    n.put("summary", v.summary());
    n.put("body", v.body());
    n.put("section", v.section());
    var tags = n.putArray("tags");
    v.tags().forEach(tags::add);
    return n;
  }

  /** A new version whose content is the old one's; answers the story, with its new ETag. */
  JsonNode restore(RoutingContext ctx, Actor by) {
    String basedOn = VersionTags.ifMatch(ctx);
    Story s = content.restore(ctx.pathParam("slug"), version(ctx), basedOn, by);
    return VersionTags.versioned(ctx, content.json(), s);
  }

  private static ObjectNode summary(StoryVersion v) {
    ObjectNode n = ContentJson.MAPPER.createObjectNode();
    n.put("version", Long.toString(v.version()));
    n.put("at", v.at().toString());
    n.put("by", v.by());
    n.put("action", v.action());
    var changed = n.putArray("changed");
    v.changed().forEach(changed::add);
    n.put("status", v.status().wire());
    n.put("headline", v.headline());
    return n;
  }

  private static long version(RoutingContext ctx) {
    String v = ctx.pathParam("version");
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.notFound("no version '" + v + "'");
    }
  }

  private static long number(String field, String value) {
    try {
      long n = Long.parseLong(value);
      if (n < 0) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new ApiException(Problem.invalid(field, field + " must be a whole number"));
    }
  }
}
