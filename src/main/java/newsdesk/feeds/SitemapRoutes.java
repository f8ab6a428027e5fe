package newsdesk.feeds;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.concurrent.Callable;
import newsdesk.content.ContentService;
import newsdesk.http.Blocking;

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
    r.get("/sitemap.xml").handler(ctx -> serve(ctx, sitemaps::sitemap));
    r.get("/news-sitemap.xml").handler(ctx -> serve(ctx, sitemaps::news));
    r.get("/robots.txt").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Cache-Control", "max-age=3600")
        .end(robots));
  }

  private void serve(RoutingContext ctx, Callable<Document> work) {
    blocking.call(work).onSuccess(doc -> doc.send(ctx)).onFailure(ctx::fail);
  }
}
