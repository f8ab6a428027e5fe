package newsdesk.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import newsdesk.auth.Tokens;
import newsdesk.content.ContentService;
import newsdesk.http.Blocking;
import newsdesk.mercure.MercureEndpoint;
import newsdesk.push.PushRoutes;
import newsdesk.push.PushService;
import newsdesk.transport.sse.SseEndpoint;
import newsdesk.transport.websocket.WebSocketEndpoint;

/** Every address the server answers, in one router shared by the HTTP server instances. */
public final class Routes {
  public static final long MAX_BODY_BYTES = 1L << 20;

  private final Router router;

  public Routes(Vertx vertx, ContentService content, Tokens tokens, SseEndpoint sse, MercureEndpoint mercure,
      WebSocketEndpoint ws, PushService push, PushRoutes pushRoutes, Blocking blocking,
      PrometheusMeterRegistry metrics, Draining draining) {
    router = Router.router(vertx);
    draining.mount(router);
    // Mercure discovery: pages and API responses name the hub that carries their updates.
    String link = MercureEndpoint.linkHeader(content.urls().base());
    router.route().handler(ctx -> {
      ctx.response().putHeader("Link", link);
      ctx.next();
    });
    new Health(content::lastEventId, blocking).mount(router);
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
    router.get("/events").handler(ctx -> sse.handle(ctx.request()));
    mercure.mount(router, MAX_BODY_BYTES, sse::subscribe);
    router.get(WebSocketEndpoint.PATH).handler(ctx -> ws.handle(ctx.request()));

    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    new ApiRoutes(content, tokens, push, blocking).mount(router);
    router.route("/api/*").handler(ctx -> Errors.forStatus(404).send(ctx.response(), ctx.request().path()));

    pushRoutes.mount(router);
    router.route("/assets/*").handler(StaticHandler.create("assets").setCachingEnabled(true).setMaxAgeSeconds(300));
    new PageRoutes(content, blocking).mount(router);

    router.route().failureHandler(Errors::handle);
    Errors.install(router);
  }

  public Router router() {
    return router;
  }
}
