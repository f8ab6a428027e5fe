package newsdesk.desk;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.util.Optional;
import newsdesk.content.ContentJson;
import newsdesk.content.ContentService;
import newsdesk.content.Markup;
import newsdesk.http.Blocking;
import newsdesk.http.FormBody;
import newsdesk.store.Role;
import newsdesk.store.Story;

/**
 * The story editor: {@code /desk/stories/new} and {@code /desk/stories/{slug}}, and the preview
 * its script asks for. The editor saves through the API ({@code /api/v1/stories}, with the
 * session and its CSRF token, and If-Match), so every rule of the API holds here too.
 */
final class EditorRoutes {
  /** As large as a story's body may be, and some. */
  static final int PREVIEW_LIMIT = 600 * 1024;

  private final ContentService content;
  private final DeskPages pages;
  private final DeskGate gate;
  private final Blocking blocking;
  private final DeskRenderer renderer;
  private final ZoneId zone;

  EditorRoutes(ContentService content, DeskPages pages, DeskGate gate, Blocking blocking, DeskRenderer renderer,
      ZoneId zone) {
    this.zone = zone;
    this.content = content;
    this.pages = pages;
    this.gate = gate;
    this.blocking = blocking;
    this.renderer = renderer;
  }

  void mount(Router r) {
    r.get("/desk/stories/new").handler(ctx -> editor(ctx, null));
    r.get("/desk/stories/:slug").handler(ctx -> editor(ctx, ctx.pathParam("slug")));
    r.post("/desk/preview").handler(ctx -> FormBody.read(ctx, PREVIEW_LIMIT, form -> preview(ctx, form)));
  }

  /** The editor, empty for a new story; a slug with no story is a 404 page. */
  private void editor(RoutingContext ctx, String slug) {
    pages.get(ctx, Role.CONTRIBUTOR, caller -> {
      Optional<Story> story = slug == null ? Optional.empty() : content.find(slug);
      if (slug != null && story.isEmpty()) return DeskPages.Reply.page(404, renderer.notFound(notFound(caller)));
      return DeskPages.Reply.page(200, renderer.editor(model(caller, story.orElse(null))));
    });
  }

  /** The body's Markdown as the reader pages will show it: the server's own renderer and sanitiser. */
  private void preview(RoutingContext ctx, MultiMap form) {
    var presented = gate.presented(ctx.request(), form.get(DeskGate.CSRF_FIELD));
    String markdown = form.get("body") == null ? "" : form.get("body");
    blocking.call(() -> {
      gate.require(presented, Role.CONTRIBUTOR);
      return ContentJson.MAPPER.createObjectNode().put("html", Markup.toSafeHtml(markdown)).toString();
    }).onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(json)).onFailure(ctx::fail);
  }

  static DeskModels.NotFound notFound(DeskPages.Caller caller) {
    return new DeskModels.NotFound("Not found", caller.person(), caller.csrf());
  }

  private DeskModels.Editor model(DeskPages.Caller caller, Story s) {
    boolean mayPublish = caller.who().user().role().allows(Role.EDITOR);
    if (s == null) {
      return new DeskModels.Editor("New story", caller.person(), caller.csrf(), "", "", "", "", "", "", "", "", "", "",
          mayPublish, false, false, zone.getId(), "", "", null);
    }
    return new DeskModels.Editor(s.headline(), caller.person(), caller.csrf(), s.slug(), ContentService.version(s),
        s.headline(), s.summary(), s.body(), s.section(), String.join(", ", s.tags()), s.status().wire(),
        DeskModels.label(s.status()),
        content.urls().story(s.slug()), mayPublish, s.isPublic(), s.isLive(), zone.getId(),
        s.scheduledAt() == null ? "" : s.scheduledAt().toString(), DeskModels.scheduledText(s.scheduledAt(), zone),
        DeskModels.LeadImage.of(s.leadImage(), content.urls()));
  }
}
