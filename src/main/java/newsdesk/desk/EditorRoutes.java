package newsdesk.desk;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.util.Optional;
import newsdesk.auth.DeskSessions;
import newsdesk.content.ContentJson;
import newsdesk.content.ContentService;

import newsdesk.content.Markup;
import newsdesk.http.Blocking;
import newsdesk.http.FormBody;
import newsdesk.http.SecurityHeaders;
import newsdesk.store.Role;
import newsdesk.store.SignedIn;
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
  private final DeskGate gate;
  private final Blocking blocking;
  private final DeskRenderer renderer;
  private final ZoneId zone;

  EditorRoutes(ContentService content, DeskGate gate, Blocking blocking, DeskRenderer renderer, ZoneId zone) {
    this.zone = zone;
    this.content = content;
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
    var presented = gate.presented(ctx.request());
    blocking.call(() -> gate.current(presented).map(who -> {
      Optional<Story> story = slug == null ? Optional.empty() : content.find(slug);
      if (slug != null && story.isEmpty()) return new Page(404, renderer.notFound(notFound(who, presented)));
      return new Page(200, renderer.editor(model(who, DeskSessions.csrfToken(presented.sessionId()), story.orElse(null))));
    })).onSuccess(page -> {
      if (page.isEmpty()) {
        SecurityHeaders.deskPage(ctx.response()).setStatusCode(303).putHeader("Location", "/desk/sign-in").end();
      } else {
        SecurityHeaders.deskPage(ctx.response()).setStatusCode(page.get().status()).end(page.get().html());
      }
    }).onFailure(ctx::fail);
  }

  private record Page(int status, String html) {}

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

  private static DeskModels.NotFound notFound(SignedIn who, DeskGate.Presented p) {
    return new DeskModels.NotFound("Not found", DeskModels.Person.of(who), DeskSessions.csrfToken(p.sessionId()));
  }

  private DeskModels.Editor model(SignedIn who, String csrf, Story s) {
    boolean mayPublish = who.user().role().allows(Role.EDITOR);
    if (s == null) {
      return new DeskModels.Editor("New story", DeskModels.Person.of(who), csrf, "", "", "", "", "", "", "", "", "", "",
          mayPublish, false, false, zone.getId(), "", "", null);
    }
    return new DeskModels.Editor(s.headline(), DeskModels.Person.of(who), csrf, s.slug(), ContentService.version(s),
        s.headline(), s.summary(), s.body(), s.section(), String.join(", ", s.tags()), s.status().wire(),
        DeskModels.label(s.status()),
        content.urls().story(s.slug()), mayPublish, s.isPublic(), s.isLive(), zone.getId(),
        s.scheduledAt() == null ? "" : s.scheduledAt().toString(), DeskModels.scheduledText(s.scheduledAt(), zone),
        DeskModels.LeadImage.of(s.leadImage(), content.urls()));
  }
}
