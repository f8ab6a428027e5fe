package newsdesk.web;

import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import newsdesk.content.ContentException;
import newsdesk.http.Problem;
import newsdesk.http.ProblemType;
import newsdesk.store.StorageFullException;
import newsdesk.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into RFC 9457 problems. A client's mistake gets its 4xx; the
 * store out of reach or its disk full is a 503 to retry (logged once by the store, not per
 * request); only a fault of ours is a 500, logged here with its stack and shown to the client
 * without one.
 */
final class Errors {
  private static final Logger log = LoggerFactory.getLogger(Errors.class);

  private Errors() {}

  /**
   * Makes the router's own refusals problems too. A request that fails before any route matches
   * (a path that cannot be decoded, say) reaches the router's error handler for that status, with
   * a context that may carry neither the status nor the cause; the status is all there is to go on.
   */
  static void install(Router router) {
    for (int status : new int[] {400, 404, 405, 413, 414, 415, 431}) {
      router.errorHandler(status, ctx -> respond(ctx, forStatus(status)));
    }
  }

  /** The failure handler: the failure of {@code ctx} as a problem. */
  static void handle(RoutingContext ctx) {
    respond(ctx, problemFor(ctx));
  }

  private static void respond(RoutingContext ctx, Problem p) {
    if (p.status() == 401) {
      // RFC 9110 §11.6.1 / RFC 6750 §3: a 401 names the scheme; a refused token is "invalid_token".
      boolean gaveToken = ctx.request().getHeader("Authorization") != null;
      ctx.response().putHeader("WWW-Authenticate",
          gaveToken ? "Bearer realm=\"newsdesk\", error=\"invalid_token\"" : "Bearer realm=\"newsdesk\"");
    }
    p.send(ctx.response(), ctx.request().path());
  }

  static Problem problemFor(RoutingContext ctx) {
    Throwable t = ctx.failure();
    if (t instanceof ApiException a) return a.problem();
    if (t instanceof newsdesk.http.ProblemException p) return p.problem();
    if (t instanceof StorageFullException f) { // logged once by the store as the disk fills, not per request
      log.debug("request {} {} answered 503: {}", ctx.request().method(), ctx.request().path(), f.getMessage());
      return Problem.of(ProblemType.STORAGE_FULL,
          "the server's disk is full, so nothing was saved; try again once its operator has freed space");
    }
    if (t instanceof HttpClosedException) {
      // The client went away, or was cut off for what it sent: nobody is left to answer.
      log.debug("request {} {} ended by its connection closing", ctx.request().method(), ctx.request().path());
      return forStatus(400);
    }
    if (t instanceof StoreUnavailableException u) {
      log.debug("request {} {} answered 503: {}", ctx.request().method(), ctx.request().path(), u.getMessage());
      return unavailable();
    }
    if (t instanceof ContentException c) {
      return switch (c.kind()) {
        case NOT_FOUND -> Problem.of(ProblemType.NOT_FOUND, c.getMessage());
        case CONFLICT -> Problem.of(ProblemType.CONFLICT, c.getMessage());
        case INVALID -> Problem.invalid(c.field(), c.getMessage());
        case KEY_REUSED -> Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED, c.getMessage());
        case STALE -> Problem.of(ProblemType.PRECONDITION_FAILED, c.getMessage());
        case FORBIDDEN -> Problem.of(ProblemType.FORBIDDEN, c.getMessage());
      };
    }
    // Vert.x's own refusals: fail(413) from the BodyHandler, fail(400, cause) for a path it cannot
    // decode. The status is the client's fault whatever the cause says.
    int status = t instanceof io.vertx.ext.web.handler.HttpException h ? h.getStatusCode() : ctx.statusCode();
    if (status >= 400 && status < 500) {
      if (t != null) log.debug("request {} {} refused with {}", ctx.request().method(), ctx.request().path(), status, t);
      return forStatus(status);
    }
    log.error("request {} {} failed", ctx.request().method(), ctx.request().path(), t);
    return Problem.of(ProblemType.INTERNAL_ERROR, "the server could not complete this request; it has been logged");
  }

  /** The store is out of reach: nothing was done, try again (the problem carries a Retry-After). */
  static Problem unavailable() {
    return Problem.of(ProblemType.UNAVAILABLE, "the database cannot be reached right now; try again shortly");
  }

  static Problem forStatus(int status) {
    return switch (status) {
      case 400 -> Problem.badRequest("the request could not be read");
      case 404 -> Problem.of(ProblemType.NOT_FOUND, "nothing here");
      case 405 -> Problem.of(ProblemType.METHOD_NOT_ALLOWED, "this address does not take that method");
      case 413 -> Problem.of(ProblemType.TOO_LARGE, "the request body is over the 1 MiB limit");
      case 415 -> Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send application/json");
      case 414 -> Problem.of(ProblemType.URI_TOO_LONG, "the request address is too long");
      case 431 -> Problem.of(ProblemType.HEADERS_TOO_LARGE, "the request headers are too large");
      default -> Problem.refused(status, "the request was refused");
    };
  }
}
