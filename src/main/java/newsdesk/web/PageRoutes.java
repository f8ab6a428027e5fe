package newsdesk.web;

import io.vertx.ext.web.Router;
import newsdesk.content.ContentService;
import newsdesk.http.Blocking;

/** Reader pages: home, section, story and live blog, rendered on the server. */
final class PageRoutes {
  private final ContentService content;
  private final Blocking blocking;

  PageRoutes(ContentService content, Blocking blocking) {
    this.content = content;
    this.blocking = blocking;
  }

  void mount(Router r) {
    r.get("/").handler(ctx -> blocking.call(() -> content.latest(null, 30))
        .onSuccess(stories -> {
          var sb = new StringBuilder("<!doctype html><title>Newsdesk</title><ul>");
          stories.forEach(s -> sb.append("<li>").append(s.slug()).append("</li>"));
          ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(sb.append("</ul>").toString());
        })
        .onFailure(ctx::fail));
  }
}
