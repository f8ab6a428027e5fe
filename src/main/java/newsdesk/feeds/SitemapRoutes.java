package newsdesk.feeds;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.concurrent.Callable;
import newsdesk.content.ContentService;
import newsdesk.http.Blocking;
import newsdesk.http.Problem;
import newsdesk.http.ProblemException;

/**
 * {@code /sitemap.xml}, {@code /news-sitemap.xml} and the {@code /robots.txt} that names them, for
 * search engines' crawlers and news indexes.
 */
public final class SitemapRoutes {
  private final Sitemaps sitemaps;
  private final Blocking blocking;
  private final String robots;

  public SitemapRoutes(ContentService content, Blocking blocking, Clock clock) {
    this.sitemaps = new Sitemaps(content, clock);
    this.blocking = blocking;
    String base = content.urls().base();
    this.robots = "User-agent: *\nAllow: /\n\nSitemap: " + base + "/sitemap.xml\nSitemap: " + base + "/news-sitemap.xml\n";
  }

  public void mount(Router r) {
    r.get(Sitemaps.PATH).handler(ctx -> serve(ctx, part(ctx.request().getParam("part"), ctx.request().getParam("before"))));
    r.get("/news-sitemap.xml").handler(ctx -> serve(ctx, sitemaps::news));
    r.get("/robots.txt").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Cache-Control", "max-age=3600")
        .end(robots));
  }

  /** What {@code /sitemap.xml} serves: the whole sitemap (or its index), or one part the index names. */
  private Callable<Document> part(String part, String before) {
    if (part == null && before == null) return sitemaps::sitemap;
    if ("pages".equals(part) && before == null) return sitemaps::pages;
    if ("stories".equals(part)) {
      Long from = null;
      if (before != null) {
        try {
          from = Long.parseLong(before);
        } catch (NumberFormatException e) {
          from = -1L;
        }
        if (from <= 0) throw new ProblemException(Problem.badRequest("before", "before must be the cursor the sitemap index gave"));
      }
      Long cursor = from;
      return () -> sitemaps.stories(cursor);
    }
    throw new ProblemException(Problem.badRequest("part", "part must be pages or stories, as the sitemap index names them"));
  }

  private void serve(RoutingContext ctx, Callable<Document> work) {
    blocking.call(work).onSuccess(doc -> doc.send(ctx)).onFailure(ctx::fail);
  }
}
