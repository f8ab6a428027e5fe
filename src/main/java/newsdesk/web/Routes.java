package newsdesk.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import newsdesk.admission.RateLimiter;
import newsdesk.admission.RateLimits;
import newsdesk.auth.Tokens;
import newsdesk.content.ContentService;
import newsdesk.feeds.FeedRoutes;
import newsdesk.feeds.SitemapRoutes;
import newsdesk.desk.DeskGate;
import newsdesk.desk.DeskRoutes;
import newsdesk.desk.DeskTools;
import newsdesk.http.Blocking;
import newsdesk.http.Problem;
import newsdesk.images.ImageService;
import newsdesk.mercure.MercureEndpoint;
import newsdesk.push.PushRoutes;
import newsdesk.push.PushService;
import newsdesk.transport.sse.SseEndpoint;
import newsdesk.webhooks.Webhooks;
import newsdesk.websub.WebSubHub;
import newsdesk.transport.websocket.WebSocketEndpoint;

/** Every address the server answers, in one router shared by the HTTP server instances. */
public final class Routes {
  public static final long MAX_BODY_BYTES = 1L << 20;
  /** The one address that takes a larger body: an image upload (images.max-bytes). */
  public static final String IMAGE_UPLOAD = ImageRoutes.UPLOAD;

  private final Router router;

  public Routes(Vertx vertx, ContentService content, Tokens tokens, DeskGate deskGate, DeskRoutes desk, DeskTools deskTools,
      SseEndpoint sse,
      MercureEndpoint mercure, WebSocketEndpoint ws, PushService push, PushRoutes pushRoutes, FeedRoutes feeds,
      SitemapRoutes sitemaps, WebSubHub webSub, Webhooks webhooks, Blocking blocking, PrometheusMeterRegistry metrics,
      RateLimits limits, Draining draining, ImageService images) {
    router = Router.router(vertx);
    draining.mount(router);
    router.route().handler(Routes::decodeQuery);
    // Mercure discovery: pages and API responses name the hub that carries their updates.
    String link = MercureEndpoint.linkHeader(content.urls().base());
    router.route().handler(ctx -> {
      ctx.response().putHeader("Link", link).putHeader("X-Content-Type-Options", "nosniff");
      ctx.next();
    });
    new Health(content::lastEventId, blocking).mount(router);
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
    router.get("/events").handler(ctx -> sse.handle(ctx.request()));
    new DeskEvents(deskGate, sse, content.urls(), blocking).mount(router);
    mercure.mount(router, MAX_BODY_BYTES, sse::subscribe);
    router.get(WebSocketEndpoint.PATH).handler(ctx -> ws.handle(ctx.request()));

    // Rate limits per client go first, before a body is read or a token looked up.
    router.route("/api/*").handler(perClient(limits, limits.api()));
    var imageRoutes = new ImageRoutes(images, new Auth(tokens, deskGate), deskGate, blocking, limits.publish(),
        content.json());
    imageRoutes.mountUpload(router);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    imageRoutes.mount(router);
    new ApiRoutes(content, tokens, deskGate, push, webhooks, blocking, limits.publish()).mount(router);
    router.route("/api/*").handler(ctx -> Errors.forStatus(404).send(ctx.response(), ctx.request().path()));

    router.route("/push/subscriptions").handler(perClient(limits, limits.pushSubscriptions()));
    pushRoutes.mount(router);
    feeds.mount(router);
    sitemaps.mount(router);
    webSub.mount(router);
    router.route("/assets/*").handler(StaticHandler.create("assets").setCachingEnabled(true).setMaxAgeSeconds(300));
    new PageRoutes(content, blocking).mount(router);
    desk.mount(router);
    deskTools.mount(router);

    router.route().failureHandler(Errors::handle);
    Errors.install(router);
  }

  /** A handler that lets a request on only if its client's bucket of {@code limiter} has room. */
  private static io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> perClient(RateLimits limits,
      RateLimiter limiter) {
    return ctx -> {
      if (RateLimits.admit(limiter, limits.clientOf(ctx.request()), ctx.request())) ctx.next();
    };
  }

  /**
   * Decodes the query string once, before any route: an invalid escape ({@code %ZZ}) is then the
   * client's 400 on every address, not a failure inside whichever handler reads a parameter first.
   */
  private static void decodeQuery(RoutingContext ctx) {
    try {
      ctx.request().params();
      ctx.queryParams();
    } catch (IllegalArgumentException e) {
      Problem.badRequest("the query string is not valid percent-encoding").send(ctx.response(), ctx.request().path());
      return;
    }
    ctx.next();
  }

  public Router router() {
    return router;
  }
}
