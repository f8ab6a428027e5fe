package newsdesk.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import newsdesk.content.ContentJson;
import newsdesk.content.ContentService;

import newsdesk.http.Problem;
import newsdesk.store.Story;

/**
 * A story's version on the wire: a strong {@code ETag} on every answer that carries one story, and
 * the {@code If-Match} a change sends back (RFC 9110 §13.1.1), so a stale change is refused.
 */
final class VersionTags {
  private VersionTags() {}

  /** The story's JSON, with its version as the ETag that a later change sends back in If-Match. */
  static ObjectNode versioned(RoutingContext ctx, ContentJson json, Story s) {
    ctx.response().putHeader("ETag", tag(ContentService.version(s)));
    return json.story(s, true);
  }

  /**
   * The ETag of a stored create answer (a story's JSON, perhaps replayed for an Idempotency-Key):
   * its version is its {@code updatedAt}, so it is read back from there.
   */
  static void tagFromBody(HttpServerResponse res, String body) {
    try {
      var updated = ContentJson.MAPPER.readTree(body).path("updatedAt");
      if (updated.isTextual()) res.putHeader("ETag", tag(Long.toString(Instant.parse(updated.asText()).toEpochMilli())));
    } catch (IOException | DateTimeParseException e) {
      // not a story: no version to give
    }
  }

  /**
   * The version a change is based on, from {@code If-Match}: one entity tag this API gave out;
   * {@code *} or none means "whatever is newest".
   */
  static String ifMatch(RoutingContext ctx) {
    String h = ctx.request().getHeader("If-Match");
    if (h == null || h.isBlank() || h.strip().equals("*")) return null;
    String tag = h.strip();
    if (tag.startsWith("W/")) {
      throw new ApiException(Problem.badRequest("If-Match needs a strong entity tag, as the ETag this API gave"));
    }
    if (tag.length() < 2 || !tag.startsWith("\"") || !tag.endsWith("\"") || tag.length() > 40) {
      throw new ApiException(Problem.badRequest("If-Match must be one entity tag in double quotes, as the ETag this API gave"));
    }
    return tag.substring(1, tag.length() - 1);
  }

  private static String tag(String version) {
    return "\"" + version + "\"";
  }
}
