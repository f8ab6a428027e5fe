package newsdesk.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import newsdesk.admission.RateLimiter;
import newsdesk.admission.RateLimits;
import newsdesk.content.ContentJson;
import newsdesk.desk.DeskGate;
import newsdesk.http.Blocking;
import newsdesk.images.ImageService;
import newsdesk.store.Image;
import newsdesk.store.Role;

/**
 * Image uploads ({@code POST /api/v1/images}: the image's bytes as the body, its alt text in the
 * {@code alt} query parameter; contributors and editors) and the renditions readers load
 * ({@code GET /images/<sha-256>.jpg}). A rendition's address is a hash of its bytes, so it is
 * served as immutable, cached for a year. Decoding runs on virtual threads, never on the loop.
 */
final class ImageRoutes {
  static final String UPLOAD = "/api/v1/images";
  /** A year: the longest RFC 9111 lets a cache keep a response, for content that never changes at its address. */
  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private final ImageService images;
  private final Auth auth;
  private final DeskGate deskGate;
  private final Blocking blocking;
  private final RateLimiter publishLimit;
  private final ContentJson json;

  ImageRoutes(ImageService images, Auth auth, DeskGate deskGate, Blocking blocking, RateLimiter publishLimit,
      ContentJson json) {
    this.images = images;
    this.auth = auth;
    this.deskGate = deskGate;
    this.blocking = blocking;
    this.publishLimit = publishLimit;
    this.json = json;
  }

  /**
   * The upload, mounted before the API's body reader: its body is the image, read whole as it is
   * (no form decoding, whatever Content-Type says: curl's --data-binary sends a form type). Its
   * size is bounded before Vert.x reads it, by http.BodyLimits (images.max-bytes on this path).
   */
  void mountUpload(Router r) {
    r.post(UPLOAD).handler(this::upload);
  }

  void mount(Router r) {
    r.get(UPLOAD + "/:id").handler(ctx -> answer(ctx, Role.CONTRIBUTOR, false, 200, () -> {
      Image image = images.image(ctx.pathParam("id"))
          .orElseThrow(() -> ApiException.notFound("no image " + ctx.pathParam("id")));
      return new Reply(null, json.image(image).toString());
    }));
    r.route(UPLOAD).handler(ctx -> methodNotAllowed(ctx, "POST"));
    r.route(UPLOAD + "/:id").handler(ctx -> methodNotAllowed(ctx, "GET"));
    r.get("/images/:file").handler(this::file);
  }

  private void upload(RoutingContext ctx) {
    String alt = ctx.queryParams().get("alt");
    ctx.request().body().onSuccess(body -> {
      byte[] bytes = body == null ? null : body.getBytes();
      answer(ctx, Role.CONTRIBUTOR, true, 201, () -> {
        Image image = images.upload(bytes, alt);
        return new Reply(UPLOAD + "/" + image.id(), json.image(image).toString());
      });
    }).onFailure(ctx::fail);
  }

  private void file(RoutingContext ctx) {
    String name = ctx.pathParam("file");
    if (!Image.isFileName(name)) {
      ctx.fail(ApiException.notFound("no image file " + name));
      return;
    }
    String etag = "\"" + name.substring(0, name.indexOf('.')) + "\"";
    if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).putHeader("ETag", etag).putHeader("Cache-Control", IMMUTABLE).end();
      return;
    }
    blocking.call(() -> images.file(name)).onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.fail(ApiException.notFound("no image file " + name));
        return;
      }
      ctx.response().putHeader("Content-Type", Image.mediaTypeOf(name)).putHeader("Cache-Control", IMMUTABLE)
          .putHeader("ETag", etag).end(io.vertx.core.buffer.Buffer.buffer(found.get()));
    }).onFailure(ctx::fail);
  }

  private void answer(RoutingContext ctx, Role role, boolean counts, int status, java.util.concurrent.Callable<Reply> work) {
    String authorization = ctx.request().getHeader("Authorization");
    var session = deskGate.presented(ctx.request());
    blocking.call(() -> {
      String caller = auth.require(authorization, session, role).key();
      if (counts) {
        RateLimiter.Decision d = publishLimit.acquire(caller);
        if (!d.allowed()) throw new ApiException(RateLimits.refusal(publishLimit, d));
      }
      return work.call();
    }).onSuccess(reply -> {
      var res = ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store");
      if (reply.location() != null) res.putHeader("Location", reply.location());
      res.end(reply.body());
    }).onFailure(ctx::fail);
  }

  /** An answer's body, and the address of what it created (null for none). */
  private record Reply(String location, String body) {}

  private static void methodNotAllowed(RoutingContext ctx, String allow) {
    ctx.response().putHeader("Allow", allow);
    ctx.fail(new ApiException(Errors.forStatus(405)));
  }
}
