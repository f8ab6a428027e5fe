package newsdesk.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import newsdesk.content.SiteUrls;
import newsdesk.desk.DeskGate;
import newsdesk.http.Blocking;
import newsdesk.store.Role;
import newsdesk.transport.sse.SseEndpoint;

/**
 * {@code GET /desk/events}: the desk's live stream, as {@code /events} (same topics, resume, limits)
 * but only for a desk session, and hearing the private events of the desk's own topic
 * ({@link SiteUrls#newsroom()}): changes to drafts, which no public topic carries (decision 0165).
 * Web's, since it joins the desk's session check to the SSE transport.
 */
final class DeskEvents {
  private final DeskGate gate;
  private final SseEndpoint sse;
  private final String deskTopic;
  private final Blocking blocking;

  DeskEvents(DeskGate gate, SseEndpoint sse, SiteUrls urls, Blocking blocking) {
    this.gate = gate;
    this.sse = sse;
    this.deskTopic = urls.newsroom();
    this.blocking = blocking;
  }

  void mount(Router r) {
    r.get("/desk/events").handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    var req = ctx.request();
    var presented = gate.presented(req);
    req.pause();
    blocking.call(() -> gate.require(presented, Role.CONTRIBUTOR)).onSuccess(who -> {
      req.resume();
      sse.handleGranting(req, deskTopic);
    }).onFailure(e -> {
      req.resume();
      ctx.fail(e);
    });
  }
}
