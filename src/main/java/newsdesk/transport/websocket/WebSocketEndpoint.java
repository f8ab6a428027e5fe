package newsdesk.transport.websocket;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import newsdesk.admission.ClientLimits;
import newsdesk.admission.MercureAuth;
import newsdesk.admission.SubscriberGate;
import newsdesk.http.Blocking;
import newsdesk.http.VertxInternals;
import newsdesk.http.Problem;
import newsdesk.http.ProblemType;
import newsdesk.http.VertxInternals;
import newsdesk.hub.Audience;
import newsdesk.hub.Hub;
import newsdesk.hub.Shard;
import newsdesk.transport.Connections;
import newsdesk.transport.Shards;

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
  private final Connections<WsConnection> connections;
  // The sockets of each event loop, with or without subscriptions; each set is touched only on its loop.
  private final Map<Shard, Set<WsConnection>> byLoop = new ConcurrentHashMap<>();

  public WebSocketEndpoint(Vertx vertx, Hub hub, Blocking blocking, WsOptions options, SubscriberGate gate,
      ClientLimits limits, MeterRegistry metrics) {
    this.vertx = vertx;
    this.hub = hub;
    this.blocking = blocking;
    this.options = options;
    this.gate = gate;
    this.limits = limits;
    this.connections = new Connections<>(vertx, "websocket", options.heartbeat(), metrics,
        shard -> new ArrayList<>(sockets(shard)), WsConnection::heartbeat);
  }

  public int openConnections() {
    return connections.open();
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
    Channel channel = VertxInternals.channel(req.connection());
    req.toWebSocket()
        .onSuccess(ws -> {
          // At shutdown closeAll closes it with 1012 (service restart), not Vert.x with 1000.
          VertxInternals.keepThroughServerShutdown(req.connection());
          // Vert.x reads text frames as UTF-8 with replacement characters; RFC 6455 §8.1 wants 1007.
          VertxInternals.addBeforeVertx(channel, "utf8Validator", new Utf8FrameValidator(false));
          open(ws, channel, context, grant.audience(), grant.expiresAt(), lease);
        })
        .onFailure(e -> lease.release());
  }

  private void open(ServerWebSocket ws, Channel channel, Context context, Audience audience, Instant expiresAt,
      ClientLimits.Lease lease) {
    Shard shard = Shards.of(hub.fanout(), context);
    Set<WsConnection> sockets = sockets(shard);
    WsConnection[] self = new WsConnection[1];
    Runnable closed = connections.opened(shard, expiresAt,
        () -> self[0].close(WsConnection.POLICY_VIOLATION, "token expired"));
    var conn = new WsConnection(ws, channel, hub, shard, blocking, options, audience, connections::overflowed, () -> {
      closed.run();
      sockets.remove(self[0]);
      lease.release();
    });
    self[0] = conn;
    sockets.add(conn);
  }

  /** The sockets on {@code shard}'s loop. */
  private Set<WsConnection> sockets(Shard shard) {
    return byLoop.computeIfAbsent(shard, s -> new HashSet<>());
  }

  /** Closes every socket with 1012 (service restart), so clients reconnect and resume elsewhere. */
  public Future<Void> closeAll() {
    return connections.closeAll(s -> s.close(WsConnection.SERVICE_RESTART, "service restart"));
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
