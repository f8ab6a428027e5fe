package newsdesk.desk;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import newsdesk.content.ContentService;
import newsdesk.http.Blocking;
import newsdesk.http.Problem;
import newsdesk.http.ProblemException;
import newsdesk.http.ProblemType;
import newsdesk.store.Entry;
import newsdesk.store.Role;
import newsdesk.store.Story;

/**
 * The live-blog console at {@code /desk/live/{slug}}: a composer and the blog's entries, kept
 * current by desk-live.js. Entries are written through {@code /api/v1} with the desk session, as
 * every desk change is; these routes only read, so a contributor (who may post entries) sees them
 * too. Entries are rendered here, by one template, on the page and for each change.
 */
final class LiveConsoleRoutes {
  private final ContentService content;
  private final DeskPages pages;
  private final DeskGate gate;
  private final Blocking blocking;
  private final DeskRenderer renderer;

  LiveConsoleRoutes(ContentService content, DeskPages pages, DeskGate gate, Blocking blocking, DeskRenderer renderer) {
    this.content = content;
    this.pages = pages;
    this.gate = gate;
    this.blocking = blocking;
    this.renderer = renderer;
  }

  void mount(Router r) {
    r.get("/desk/live/:slug").handler(this::console);
    r.get("/desk/live/:slug/entries").handler(this::entries);
  }

  private void console(RoutingContext ctx) {
    String slug = ctx.pathParam("slug");
    pages.get(ctx, Role.CONTRIBUTOR, caller -> page(caller, slug));
  }

  /** The console, or the desk's 404 page for anything but a live blog. */
  private DeskPages.Reply page(DeskPages.Caller caller, String slug) {
    String since = content.lastEventId(); // before the content, so nothing changed meanwhile is missed
    Optional<Story> blog = content.find(slug).filter(Story::isLive);
    if (blog.isEmpty()) return DeskPages.Reply.page(404, renderer.notFound(EditorRoutes.notFound(caller)));
    Story s = blog.get();
    String url = content.urls().story(s.slug());
    return DeskPages.Reply.page(200, renderer.liveConsole(
        DeskModels.liveConsole(caller.who(), caller.csrf(), url, since, s, content.entries(s), url)));
  }

  /**
   * The blog's entries as HTML, newest first; with {@code ?id=N} only that one (nothing once it
   * is deleted). What desk-live.js places when an entry changes.
   */
  private void entries(RoutingContext ctx) {
    var presented = gate.presented(ctx.request());
    String slug = ctx.pathParam("slug");
    String id = ctx.queryParams().get("id");
    blocking.call(() -> {
      gate.require(presented, Role.CONTRIBUTOR);
      List<Entry> all = content.entries(liveBlog(slug));
      if (id != null) all = all.stream().filter(e -> Long.toString(e.id()).equals(id)).toList();
      return renderer.liveEntries(DeskModels.consoleEntries(all));
    }).onSuccess(html -> DeskPages.page(ctx, 200, html)).onFailure(ctx::fail);
  }

  private Story liveBlog(String slug) {
    return content.find(slug).filter(Story::isLive).orElseThrow(() ->
        new ProblemException(Problem.of(ProblemType.NOT_FOUND, "no live blog with slug '" + slug + "'")));
  }
}
