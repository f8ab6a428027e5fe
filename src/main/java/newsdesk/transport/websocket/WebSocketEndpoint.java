package newsdesk.transport.websocket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import newsdesk.admission.ClientLimits;
import newsdesk.admission.MercureAuth;
import newsdesk.admission.SubscriberGate;
import newsdesk.http.Blocking;
import newsdesk.http.Problem;
import newsdesk.http.ProblemType;
import newsdesk.hub.Audience;
import newsdesk.hub.Hub;
import newsdesk.hub.Shard;
import newsdesk.transport.Shards;
import newsdesk.transport.Sweep;

/**
 * {@code GET /ws}: live updates over a WebSocket, with the Mercure endpoint's authorisation and the
 * same history and resume as SSE. The handshake is refused (401, 403, 429) before the upgrade, so a
 * client sees why. One heartbeat timer per event loop serves all of its sockets.
 */
public final class WebSocketEndpoint {
  public static final String PATH = "/ws";

  private final Vertx vertx;
  private final Hub hub;
  private final Blocking blocking;
  private final WsOptions options;
  private final SubscriberGate gate;
  private final ClientLimits limits;
  private final AtomicInteger open = new AtomicInteger();
  private final Counter overflows;
  // The sockets of each event loop; each set is touched only on its loop.
  private final Map<Context, Set<WsConnection>> byLoop = new ConcurrentHashMap<>();

  public WebSocketEndpoint(Vertx vertx, Hub hub, Blocking blocking, WsOptions options, SubscriberGate gate,
      ClientLimits limits, MeterRegistry metrics) {
    this.vertx = vertx;
    this.hub = hub;
    this.blocking = blocking;
    this.options = options;
    this.gate = gate;
    this.limits = limits;
    Gauge.builder("newsdesk.connections.open", open, AtomicInteger::get)
        .description("Open subscriber connections").tag("transport", "websocket").register(metrics);
    overflows = Counter.builder("newsdesk.connections.overflowed")
        .description("Connections closed because the reader fell behind its buffer")
        .tag("transport", "websocket").register(metrics);
  }

  public int openConnections() {
    return open.get();
  }

  public void handle(HttpServerRequest req) {
    if (!req.canUpgradeToWebSocket()) {
      req.response().putHeader("Upgrade", "websocket");
      Problem.of(ProblemType.UPGRADE_REQUIRED, "this address speaks WebSocket only").send(req.response(), req.path());
      return;
    }
    // Browsers send cookies on cross-site WebSocket handshakes and no CORS check follows, so
    // the cookie counts only from our own pages and the listed origins.
    if (MercureAuth.tokenOf(req) != null && fromCookie(req) && !trustedOrigin(req.getHeader("Origin"))) {
      Problem.of(ProblemType.FORBIDDEN,
          "the mercureAuthorization cookie is accepted only from this site's own pages")
          .send(req.response(), req.path());
      return;
    }
    SubscriberGate.Grant grant = gate.admit(req);
    if (grant == null) return;
    ClientLimits.Lease lease = limits.acquire(req);
    if (lease == null) return;
    Context context = vertx.getOrCreateContext();
    req.toWebSocket()
        .onSuccess(ws -> open(ws, context, grant.audience(), grant.expiresAt(), lease))
        .onFailure(e -> lease.release());
  }

  private void open(ServerWebSocket ws, Context context, Audience audience, Instant expiresAt,
      ClientLimits.Lease lease) {
    Shard shard = Shards.of(hub.fanout(), context);
    Set<WsConnection> sockets = loopSockets(context);
    long[] expiry = {-1};
    WsConnection[] self = new WsConnection[1];
    var conn = new WsConnection(ws, hub, shard, blocking, options, audience, overflows::increment, () -> {
      if (expiry[0] >= 0) vertx.cancelTimer(expiry[0]);
      sockets.remove(self[0]);
      open.decrementAndGet();
      lease.release();
    });
    self[0] = conn;
    sockets.add(conn);
    open.incrementAndGet();
    if (expiresAt != null) {
      expiry[0] = vertx.setTimer(Math.max(1, expiresAt.toEpochMilli() - System.currentTimeMillis()),
          id -> conn.close(WsConnection.POLICY_VIOLATION, "token expired"));
    }
  }

  /** This loop's sockets; the first socket on a loop starts that loop's heartbeat timer. */
  private Set<WsConnection> loopSockets(Context context) {
    return byLoop.computeIfAbsent(context, c -> {
      Set<WsConnection> set = new HashSet<>();
      // Called on that loop, so the timer fires there too.
      vertx.setPeriodic(options.heartbeat().toMillis(),
          id -> Sweep.over(new ArrayList<>(set), task -> c.runOnContext(v -> task.run()), WsConnection::heartbeat));
      return set;
    });
  }

  /** Closes every socket with 1012 (service restart), so clients reconnect and resume elsewhere. */
  public Future<Void> closeAll() {
    List<Future<Void>> done = new ArrayList<>();
    byLoop.forEach((context, sockets) -> {
      Promise<Void> p = Promise.promise();
      context.runOnContext(v -> {
        for (WsConnection s : new ArrayList<>(sockets)) s.close(WsConnection.SERVICE_RESTART, "service restart");
        p.complete();
      });
      done.add(p.future());
    });
    return Future.all(done).mapEmpty();
  }

  private static boolean fromCookie(HttpServerRequest req) {
    String param = req.getParam("authorization");
    return req.getHeader("Authorization") == null && (param == null || param.isEmpty());
  }

  /** A request with no Origin is not from a browser page, so it cannot be a cross-site hijack. */
  private boolean trustedOrigin(String origin) {
    return origin == null || options.trustedOrigins().contains(origin);
  }

}
