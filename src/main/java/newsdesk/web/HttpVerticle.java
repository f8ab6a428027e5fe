package newsdesk.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.atomic.AtomicInteger;
import newsdesk.http.ServerConnections;

/**
 * One HTTP server instance per event loop; Vert.x spreads connections over the instances, so both
 * cores carry subscribers without a thread per connection.
 */
public final class HttpVerticle extends VerticleBase {
  private final Routes routes;
  private final ServerConnections connections;
  private final String host;
  private final int port;
  private final int maxWebSocketFrameBytes;
  private final AtomicInteger boundPort;
  private final HttpServers servers;

  public HttpVerticle(Routes routes, ServerConnections connections, String host, int port, int maxWebSocketFrameBytes,
      AtomicInteger boundPort, HttpServers servers) {
    this.routes = routes;
    this.connections = connections;
    this.host = host;
    this.port = port;
    this.maxWebSocketFrameBytes = maxWebSocketFrameBytes;
    this.boundPort = boundPort;
    this.servers = servers;
  }

  @Override
  public Future<?> start() {
    // Port 0 asks for a free port; the other instances then share the one the first one got.
    int want = boundPort.get() != 0 ? boundPort.get() : port;
    var server = vertx.createHttpServer(new HttpServerOptions()
            .setHost(host)
            .setPort(want)
            .setTcpNoDelay(true)
            .setCompressionSupported(false)
            .setIdleTimeout(0)
            // No browser speaks HTTP/2 without TLS; the h2c upgrade sniffer would only sit in
            // every connection's pipeline (and trip over an SSE stream's detach from Vert.x).
            // See docs/decisions/0011-h2c-off.md.
            .setHttp2ClearTextEnabled(false)
            // A Mercure update's data is one form field; the 1 MiB body limit is what bounds it.
            .setMaxFormAttributeSize((int) Routes.MAX_BODY_BYTES)
            // No WebSocket compression: each socket would hold its own zlib state, every shared
            // message would be compressed again per socket, and RSV1 could not be refused.
            .setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false)
            // A client message may not exceed one frame's limit however it is fragmented.
            .setMaxWebSocketFrameSize(maxWebSocketFrameBytes)
            .setMaxWebSocketMessageSize(maxWebSocketFrameBytes))
        // Requests Netty could not read, or that must be refused unread, never reach the router.
        .connectionHandler(connections::accept)
        .requestHandler(routes.router());
    servers.add(server);
    return server.listen().onSuccess(s -> boundPort.compareAndSet(0, s.actualPort()));
  }
}
