package newsdesk.web;

import io.vertx.ext.web.Router;
import newsdesk.http.Problem;
import newsdesk.http.ProblemType;

/**
 * A node on its way down takes no new request, even on a connection it accepted before: a front's
 * kept-alive connection could otherwise bring it a reader that was just told to go elsewhere.
 * Every request that arrives once {@link #begin} ran, {@code /livez} included (so a front or a
 * supervisor sees it go), answers 503 with {@code Connection: close}; requests already running
 * finish as usual.
 */
public final class Draining {
  private volatile boolean on;

  /** From now on every new request is refused. */
  public void begin() {
    on = true;
  }

  public boolean on() {
    return on;
  }

  /** Mounts the refusal ahead of every other route. */
  void mount(Router router) {
    router.route().order(Integer.MIN_VALUE).handler(ctx -> {
      if (!on) {
        ctx.next();
        return;
      }
      ctx.response().putHeader("Connection", "close");
      Problem.of(ProblemType.UNAVAILABLE, "this node is shutting down; another node answers")
          .send(ctx.response(), ctx.request().path());
    });
  }
}
