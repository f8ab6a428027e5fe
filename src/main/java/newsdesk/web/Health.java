package newsdesk.web;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import java.util.concurrent.Callable;
import newsdesk.http.Blocking;
import newsdesk.http.Problem;
import newsdesk.http.ProblemType;
import newsdesk.store.StoreUnavailableException;

/**
 * What a supervisor or load balancer probes. {@code /livez}: the process serves (its live streams
 * go on whatever the store does), so restart it only when this fails. {@code /healthz}: it also
 * reaches its store, so it can publish, render pages and resume readers from older history; a 503
 * here is for alerting, and taking the node out of rotation would cut off its live readers for
 * nothing, as every node shares the one store. docs/operations.md says which to use where.
 */
final class Health {
  private static final String OK = "{\"status\":\"ok\"}";
  private static final String STORE_UP = "{\"status\":\"ok\",\"store\":\"up\"}";

  private final Callable<?> storeProbe;
  private final Blocking blocking;

  /** @param storeProbe a small read of the store; throws {@link StoreUnavailableException} while it is out of reach */
  Health(Callable<?> storeProbe, Blocking blocking) {
    this.storeProbe = storeProbe;
    this.blocking = blocking;
  }

  void mount(Router router) {
    router.get("/livez").handler(ctx -> ok(ctx.response(), OK));
    router.get("/healthz").handler(ctx -> blocking.call(storeProbe).onComplete(probe -> {
      if (probe.succeeded()) {
        ok(ctx.response(), STORE_UP);
      } else if (probe.cause() instanceof StoreUnavailableException) {
        Problem.of(ProblemType.UNAVAILABLE, "the store cannot be reached: publishing, pages and resuming from"
            + " older history answer 503 until it can; live streams go on").send(ctx.response(), ctx.request().path());
      } else {
        ctx.fail(probe.cause());
      }
    }));
  }

  private static void ok(HttpServerResponse res, String body) {
    res.putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(body);
  }
}
