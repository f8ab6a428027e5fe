package newsdesk.web;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.Callable;
import newsdesk.content.ContentService;
import newsdesk.content.Slugs;
import newsdesk.http.Blocking;
import newsdesk.http.SecurityHeaders;
import newsdesk.store.Entry;
import newsdesk.store.Story;

/**
 * Reader pages: home, section, story and live blog, rendered on the server so they read without
 * JavaScript; reader.js then keeps them current over {@code /events}.
 */
final class PageRoutes {
  static final int LIST_SIZE = 30;

  private final ContentService content;
  private final Blocking blocking;
  private final PageModels models;
  private final PageJsonLd jsonLd;
  private final PageRenderer renderer = new PageRenderer();

  /** A rendered page and its status; not-found is a page like any other, not an exception. */
  private record Rendered(int status, String html) {}

  PageRoutes(ContentService content, Blocking blocking) {
    this.content = content;
    this.blocking = blocking;
    this.models = new PageModels(content.urls());
    this.jsonLd = new PageJsonLd(content.urls());
  }

  void mount(Router r) {
    // Each page reads the newest event id before its content; see PageModels.Meta.since.
    r.get("/").handler(ctx -> respond(ctx, () -> {
      String since = content.lastEventId();
      return ok(renderer.list(models.home(content.latest(null, LIST_SIZE), since)));
    }));
    r.get("/sections/:name").handler(ctx -> respond(ctx, () -> section(ctx.pathParam("name"))));
    r.get("/stories/:slug").handler(ctx -> respond(ctx, () -> story(ctx.pathParam("slug"))));
    // The markup reader.js clones for live arrivals; it changes only with a release, so it is
    // cached like the assets.
    String templates = renderer.readerTemplates();
    r.get("/reader-templates.html").handler(ctx ->
        headers(ctx.response()).putHeader("Cache-Control", "max-age=300").end(templates));
  }

  private Rendered section(String name) {
    // Only names the newsroom could have created; anything else cannot have stories.
    if (!Slugs.isSectionName(name)) {
      return notFound("There is no section by that name.");
    }
    String since = content.lastEventId();
    List<Story> stories = content.latest(name, LIST_SIZE);
    if (stories.isEmpty()) return notFound("There are no stories in this section yet.");
    return ok(renderer.list(models.section(name, stories, since)));
  }

  private Rendered story(String slug) {
    String since = content.lastEventId();
    Story s = content.find(slug).filter(Story::isPublic).orElse(null);
    // A draft answers exactly as an unknown slug does, so a page never reveals what is in the works.
    if (s == null) return notFound("We could not find that story. It may have moved, or the address may be mistyped.");
    List<Entry> entries = s.isLive() ? content.entries(s) : List.of();
    return ok(renderer.story(models.story(s, entries, jsonLd.of(s, entries), since)));
  }

  private Rendered notFound(String message) {
    return new Rendered(404, renderer.notFound(models.notFound(message)));
  }

  private static Rendered ok(String html) {
    return new Rendered(200, html);
  }

  /** Store reads and rendering run off the event loop; the response is written back on it. */
  private void respond(RoutingContext ctx, Callable<Rendered> work) {
    blocking.call(work)
        .onSuccess(page -> headers(ctx.response()).setStatusCode(page.status()).end(page.html()))
        .onFailure(ctx::fail);
  }

  private static HttpServerResponse headers(HttpServerResponse res) {
    return SecurityHeaders.readerPage(res);
  }
}
