package newsdesk.web;

import io.vertx.ext.web.RoutingContext;
import newsdesk.content.ContentException;
import newsdesk.http.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into RFC 9457 problems. A client's mistake gets its 4xx; only
 * a fault of ours is a 500, logged here with its stack and shown to the client without one.
 */
final class Errors {
  private static final Logger log = LoggerFactory.getLogger(Errors.class);

  private Errors() {}

  static void handle(RoutingContext ctx) {
    problemFor(ctx).send(ctx.response(), ctx.request().path());
  }

  static Problem problemFor(RoutingContext ctx) {
    Throwable t = ctx.failure();
    if (t instanceof ApiException a) return a.problem();
    if (t instanceof ContentException c) {
      return switch (c.kind()) {
        case NOT_FOUND -> new Problem(404, "/problems/not-found", "Not found", c.getMessage(), null);
        case CONFLICT -> new Problem(409, "/problems/conflict", "Conflict", c.getMessage(), null);
        case INVALID -> Problem.invalid(c.field(), c.getMessage());
      };
    }
    int status = ctx.statusCode();
    if (t == null && status >= 400 && status < 500) return forStatus(status);
    if (t instanceof io.vertx.ext.web.handler.HttpException h && h.getStatusCode() < 500) {
      return forStatus(h.getStatusCode());
    }
    log.error("request {} {} failed", ctx.request().method(), ctx.request().path(), t);
    return new Problem(500, "about:blank", "Internal Server Error",
        "the server could not complete this request; it has been logged", null);
  }

  static Problem forStatus(int status) {
    return switch (status) {
      case 400 -> Problem.badRequest("the request could not be read");
      case 404 -> new Problem(404, "/problems/not-found", "Not found", "nothing here", null);
      case 405 -> new Problem(405, "about:blank", "Method Not Allowed", "this address does not take that method", null);
      case 413 -> new Problem(413, "/problems/too-large", "Content Too Large", "the request body is over the 1 MiB limit", null);
      case 415 -> new Problem(415, "about:blank", "Unsupported Media Type", "send application/json", null);
      default -> Problem.of(status, "Request refused", null);
    };
  }
}
