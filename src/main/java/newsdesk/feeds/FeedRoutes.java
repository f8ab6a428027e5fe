package newsdesk.feeds;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Function;
import newsdesk.http.Blocking;
import newsdesk.http.Problem;
import newsdesk.http.ProblemException;
import newsdesk.http.ProblemType;

/**
 * {@code /feed.atom} and {@code /feed.json}, and the same under {@code /sections/{name}/} and
 * {@code /stories/{slug}/} (live blogs): rendered in full off the event loop, answered 304 when
 * the client's copy is current, with {@code Link} headers naming the feed itself and, when WebSub
 * is on, its hub.
 */
public final class FeedRoutes {
  private final FeedSource source;
  private final Blocking blocking;
  private final String hub;

  /** @param hub the WebSub hub's address, or null when feeds are not pushed */
  public FeedRoutes(FeedSource source, Blocking blocking, String hub) {
    this.source = source;
    this.blocking = blocking;
    this.hub = hub;
  }

  public void mount(Router r) {
    r.get("/feed.atom").handler(ctx -> serve(ctx, before -> Optional.of(source.site(before)), true));
    r.get("/feed.json").handler(ctx -> serve(ctx, before -> Optional.of(source.site(before)), false));
    r.get("/sections/:name/feed.atom").handler(ctx -> serve(ctx, b -> source.section(ctx.pathParam("name"), b), true));
    r.get("/sections/:name/feed.json").handler(ctx -> serve(ctx, b -> source.section(ctx.pathParam("name"), b), false));
    r.get("/stories/:slug/feed.atom").handler(ctx -> serve(ctx, b -> source.liveBlog(ctx.pathParam("slug"), b), true));
    r.get("/stories/:slug/feed.json").handler(ctx -> serve(ctx, b -> source.liveBlog(ctx.pathParam("slug"), b), false));
  }

  private void serve(RoutingContext ctx, Function<Long, Optional<Feed>> page, boolean atom) {
    Long before = cursor(ctx.request().getParam("before"));
    blocking.call(() -> page.apply(before).map(feed -> render(feed, atom)))
        .onSuccess(found -> found.ifPresentOrElse(doc -> doc.send(ctx), () ->
            Problem.of(ProblemType.NOT_FOUND, "there is no feed at this address").send(ctx.response(), ctx.request().path())))
        .onFailure(ctx::fail);
  }

  private Document render(Feed feed, boolean atom) {
    byte[] body = atom ? AtomWriter.write(feed, hub) : JsonFeedWriter.write(feed, hub);
    String self = feed.address().page(atom ? FeedAddress.ATOM : FeedAddress.JSON, feed.before());
    // WebSub discovery (§4): this topic's own address and, when feeds are pushed, the hub.
    var links = new ArrayList<String>();
    links.add("<" + self + ">; rel=\"self\"");
    if (hub != null) links.add("<" + hub + ">; rel=\"hub\"");
    return new Document(body, atom ? AtomWriter.CONTENT_TYPE : JsonFeedWriter.CONTENT_TYPE, feed.updated(), links);
  }

  private static Long cursor(String before) {
    if (before == null) return null;
    try {
      long id = Long.parseLong(before);
      if (id > 0) return id;
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new ProblemException(Problem.badRequest("before", "before must be the positive cursor a feed's next link gave"));
  }
}
